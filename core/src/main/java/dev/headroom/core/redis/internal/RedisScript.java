package dev.headroom.core.redis.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A Lua script with its SHA-1 digest, computed once, so that {@link ScriptRunner} can send {@code
 * EVALSHA} and fall back to {@code EVAL} only when the server does not have the script yet.
 *
 * <p>A script may include shared Lua: a line that reads {@code --@include lib.lua} (spaces allowed
 * around {@code --} and before the name) is replaced, when the script is created, by the text of
 * {@code lib.lua}, whose own includes are resolved the same way. Each file is included once per
 * script, at its first include; an include cycle is an error. The digest covers the full text sent
 * to Redis, so a change in an included file changes the digest of every script that includes it.
 *
 * <p>Every key a script touches must be passed in {@code KEYS} and share one hash tag, so the script
 * runs on Redis Cluster. Immutable and thread-safe.
 */
public final class RedisScript {

    private final String name;
    private final byte[] body;
    private final String sha1;

    private RedisScript(String name, byte[] body) {
        this.name = name;
        this.body = body;
        this.sha1 = sha1Hex(body);
    }

    /**
     * Creates a script from its source text, which includes nothing.
     *
     * @param name a name for logs and errors, such as {@code "token-bucket.lua"}
     * @param source the Lua source
     * @return the script
     * @throws IllegalArgumentException if the name or the source is blank, or the source has an
     *     include line
     */
    public static RedisScript of(String name, String source) {
        return of(name, source, ScriptIncludes.none());
    }

    /**
     * Creates a script from its source text, resolving its includes with {@code includes}.
     *
     * @param name a name for logs and errors, such as {@code "token-bucket.lua"}
     * @param source the Lua source
     * @param includes where included files come from
     * @return the script, whose text has every include replaced
     * @throws IllegalArgumentException if the name or the source is blank, an included file is
     *     missing or blank, or the includes form a cycle
     */
    public static RedisScript of(String name, String source, ScriptIncludes includes) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("script name must not be blank: '" + name + "'");
        }
        if (source.isBlank()) {
            throw new IllegalArgumentException("script '" + name + "' has a blank source");
        }
        String text = includes.expand(name, source);
        return new RedisScript(name, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Loads a script from a class path resource next to {@code anchor}; its includes are resources
     * next to {@code anchor} too ({@link ScriptIncludes#resourcesNextTo(Class)}).
     *
     * @param anchor the class whose package holds the resource
     * @param resource the resource name, relative to the anchor's package, such as {@code
     *     "token-bucket.lua"}
     * @return the script, named after the resource
     * @throws IllegalArgumentException if there is no such resource, it or an included file is
     *     blank or missing, or the includes form a cycle
     * @throws java.io.UncheckedIOException if a resource cannot be read
     */
    public static RedisScript fromResource(Class<?> anchor, String resource) {
        ScriptIncludes resources = ScriptIncludes.resourcesNextTo(anchor);
        return of(resource, resources.load(resource), resources);
    }

    /**
     * Returns the script's name.
     *
     * @return the name given when it was created
     */
    public String name() {
        return name;
    }

    /**
     * Returns the script's source as UTF-8 bytes, as sent with {@code EVAL}.
     *
     * @return a copy of the source bytes
     */
    public byte[] body() {
        return body.clone();
    }

    byte[] bodyUnsafe() {
        return body;
    }

    /**
     * Returns the lower-case hex SHA-1 digest of the source, as sent with {@code EVALSHA}.
     *
     * @return 40 hex characters
     */
    public String sha1() {
        return sha1;
    }

    @Override
    public String toString() {
        return "RedisScript[" + name + ", sha1=" + sha1 + ']';
    }

    private static String sha1Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK provides SHA-1", e);
        }
    }
}
