package dev.headroom.testsupport;

import java.io.IOException;

/** The server answered a {@link RespClient} command with an error reply: it is up, but refused. */
public final class RespErrorReply extends IOException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message the server's error line, such as {@code NOAUTH Authentication required.}
     */
    public RespErrorReply(String message) {
        super("Redis error: " + message);
    }
}
