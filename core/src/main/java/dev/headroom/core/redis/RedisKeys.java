package dev.headroom.core.redis;

import java.nio.charset.StandardCharsets;

/**
 * Key rules for everything Headroom stores in Redis.
 *
 * <p>Every key has the form {@code hr:{<tag>}:<rest>}. Redis Cluster hashes only the part between
 * the braces, so all keys built from one tag live in one slot and a script may touch them
 * together.
 *
 * <p>A key a user supplies (a client, a cache key, a debounce key) goes into a key through {@link
 * dev.headroom.core.UserKeys#canonical(String)}, which accepts every non-empty key, bounds its
 * length and removes braces, in memory and on Redis alike. {@link #requireValid(String, String)}
 * is for names Headroom itself bounds: it refuses empty, blank or over-long names with an {@link
 * IllegalArgumentException} that says which rule was broken.
 */
public final class RedisKeys {

    /** The prefix of every key Headroom writes: {@value}. */
    public static final String PREFIX = "hr";

    /** The longest user-supplied key accepted, in UTF-8 bytes: {@value}. */
    public static final int MAX_KEY_BYTES = 1024;

    private static final int PREVIEW_CHARS = 40;

    private RedisKeys() {}

    /**
     * Checks a user-supplied key and returns it.
     *
     * @param what what the key names, for the error message, such as {@code "cache key"}
     * @param key the key
     * @return {@code key}, unchanged
     * @throws IllegalArgumentException if the key is empty, blank, or longer than {@link
     *     #MAX_KEY_BYTES} in UTF-8
     */
    public static String requireValid(String what, String key) {
        if (key.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        if (key.isBlank()) {
            throw new IllegalArgumentException(what + " must not be blank: '" + key + "'");
        }
        // A char is at most 3 UTF-8 bytes; only long keys need the exact count.
        if (key.length() * 3 > MAX_KEY_BYTES) {
            int bytes = key.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > MAX_KEY_BYTES) {
                throw new IllegalArgumentException(what + " must be at most " + MAX_KEY_BYTES + " bytes in UTF-8, was "
                        + bytes + ": '" + preview(key) + "'");
            }
        }
        return key;
    }

    /**
     * Returns {@code hr:{tag}:suffix}. All keys with one tag share a Redis Cluster slot.
     *
     * @param tag the hash tag: a valid key without braces
     * @param suffix the rest of the key; may be empty
     * @return the full key
     * @throws IllegalArgumentException if the tag breaks a key rule or contains a brace
     */
    public static String tagged(String tag, String suffix) {
        requireTag(tag);
        return suffix.isEmpty() ? PREFIX + ":{" + tag + '}' : PREFIX + ":{" + tag + "}:" + suffix;
    }

    /**
     * Checks that a string may serve as a hash tag and returns it.
     *
     * @param tag the candidate tag
     * @return {@code tag}, unchanged
     * @throws IllegalArgumentException if the tag is empty, blank, over-long or contains a curly
     *     brace, which would change the part Redis Cluster hashes
     */
    public static String requireTag(String tag) {
        requireValid("hash tag", tag);
        if (tag.indexOf('{') >= 0 || tag.indexOf('}') >= 0) {
            throw new IllegalArgumentException("hash tag must not contain '{' or '}': '" + preview(tag) + "'");
        }
        return tag;
    }

    /**
     * Returns the UTF-8 bytes of a key, as Redis commands take them.
     *
     * @param key the key
     * @return its UTF-8 bytes
     */
    public static byte[] bytes(String key) {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    private static String preview(String key) {
        return key.length() <= PREVIEW_CHARS ? key : key.substring(0, PREVIEW_CHARS) + "…";
    }
}
