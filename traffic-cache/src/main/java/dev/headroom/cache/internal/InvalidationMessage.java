package dev.headroom.cache.internal;

import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * One invalidation broadcast on the cache's channel, as UTF-8 text {@code
 * 1|<source>|<kind>|<version>|<key>}: format version 1, the sending instance's id (so it ignores its
 * own messages), {@code K} for one key or {@code N} for the whole namespace, the namespace version
 * after the change, and the key ({@code K} only; it may contain any character, {@code |} included).
 *
 * @param source the sending instance's id
 * @param wholeNamespace true for {@code N}, false for {@code K}
 * @param version the namespace version after the change
 * @param key the key, empty for {@code N}
 */
record InvalidationMessage(String source, boolean wholeNamespace, long version, String key) {

    private static final String FORMAT = "1";

    static InvalidationMessage ofKey(String source, long version, String key) {
        return new InvalidationMessage(source, false, version, key);
    }

    static InvalidationMessage ofNamespace(String source, long version) {
        return new InvalidationMessage(source, true, version, "");
    }

    byte[] encode() {
        return (FORMAT + '|' + source + '|' + (wholeNamespace ? 'N' : 'K') + '|' + version + '|' + key)
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Parses a message, or returns null for one this release does not understand. */
    static @Nullable InvalidationMessage decode(byte[] bytes) {
        String[] parts = new String(bytes, StandardCharsets.UTF_8).split("\\|", 5);
        if (parts.length != 5 || !FORMAT.equals(parts[0]) || parts[1].isEmpty()) {
            return null;
        }
        boolean namespace = "N".equals(parts[2]);
        if (!namespace && !"K".equals(parts[2])) {
            return null;
        }
        long version;
        try {
            version = Long.parseLong(parts[3]);
        } catch (NumberFormatException e) {
            return null;
        }
        if (!namespace && parts[4].isEmpty()) {
            return null;
        }
        return new InvalidationMessage(parts[1], namespace, version, parts[4]);
    }
}
