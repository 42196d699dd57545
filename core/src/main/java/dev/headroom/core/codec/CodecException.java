package dev.headroom.core.codec;

import org.jspecify.annotations.Nullable;

/**
 * Bytes that could not be decoded, or a value that could not be encoded. The {@link #reason()}
 * says which check failed, so callers can count failures by kind; a cache treats every reason as
 * a miss. Created without a stack trace: the reason, the codec and the message locate the fault.
 */
public final class CodecException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What was wrong with the bytes or the value. */
    public enum Reason {
        /** Fewer bytes than the envelope's header needs. */
        TRUNCATED,
        /** The bytes do not start with the envelope's magic byte: not written by Headroom. */
        NOT_AN_ENVELOPE,
        /** The envelope's format version is newer than this release understands. */
        UNSUPPORTED_VERSION,
        /** The envelope sets flags this release does not know. */
        UNKNOWN_FLAGS,
        /** The envelope was written by another codec than the one reading it. */
        CODEC_MISMATCH,
        /** The compressed payload is corrupt or larger than allowed. */
        CORRUPT_COMPRESSION,
        /** The codec could not read the payload. */
        UNDECODABLE_PAYLOAD,
        /** The codec could not write the value. */
        UNENCODABLE_VALUE
    }

    private final Reason reason;
    private final String codecId;

    /**
     * Creates an exception.
     *
     * @param reason which check failed
     * @param codecId the id of the codec that was reading or writing
     * @param message what was wrong, for a log line
     * @param cause the underlying failure, if any
     */
    public CodecException(Reason reason, String codecId, String message, @Nullable Throwable cause) {
        super(reason + " (codec " + codecId + "): " + message, cause, false, false);
        this.reason = reason;
        this.codecId = codecId;
    }

    /**
     * Creates an exception without an underlying cause.
     *
     * @param reason which check failed
     * @param codecId the id of the codec that was reading or writing
     * @param message what was wrong, for a log line
     */
    public CodecException(Reason reason, String codecId, String message) {
        this(reason, codecId, message, null);
    }

    /**
     * Returns which check failed.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

    /**
     * Returns the id of the codec that was reading or writing.
     *
     * @return the codec id
     */
    public String codecId() {
        return codecId;
    }
}
