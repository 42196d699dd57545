package dev.headroom.cache.internal;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * One invalidation broadcast on the cache's channel, as UTF-8 text {@code
 * 1|<source>|<kind>|<version>|<key>}: format version 1, the sending instance's id (so it ignores its
 * own messages), the kind, the namespace version after the change, and the key. The kind is {@code
 * N} for the whole namespace (no key), {@code K} for one key written as it is (it may contain any
 * character, {@code |} included), or {@code k} for one key that UTF-8 cannot carry (it holds an
 * unpaired surrogate), written as the base64url of its UTF-16 code units, big-endian, so that every
 * key a cache accepts reaches the other instances unchanged.
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
        String kindAndKey = wholeNamespace ? "N|" : wellFormed(key) ? "K|" + key : "k|" + codeUnits(key);
        return (FORMAT + '|' + source + '|' + kindAndKey.charAt(0) + '|' + version + '|' + kindAndKey.substring(2))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Parses a message, or returns null for one this release does not understand. */
    static @Nullable InvalidationMessage decode(byte[] bytes) {
        String[] parts = new String(bytes, StandardCharsets.UTF_8).split("\\|", 5);
        if (parts.length != 5 || !FORMAT.equals(parts[0]) || parts[1].isEmpty()) {
            return null;
        }
        boolean namespace = "N".equals(parts[2]);
        boolean encoded = "k".equals(parts[2]);
        if (!namespace && !encoded && !"K".equals(parts[2])) {
            return null;
        }
        long version;
        try {
            version = Long.parseLong(parts[3]);
        } catch (NumberFormatException e) {
            return null;
        }
        String key = encoded ? fromCodeUnits(parts[4]) : parts[4];
        if (key == null || (!namespace && key.isEmpty())) {
            return null;
        }
        return new InvalidationMessage(parts[1], namespace, version, key);
    }

    /** Whether UTF-8 carries {@code text} unchanged: it holds no unpaired surrogate. */
    private static boolean wellFormed(String text) {
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (Character.isHighSurrogate(ch)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(ch)) {
                return false;
            }
        }
        return true;
    }

    private static String codeUnits(String text) {
        byte[] bytes = new byte[text.length() * 2];
        for (int i = 0; i < text.length(); i++) {
            bytes[2 * i] = (byte) (text.charAt(i) >> 8);
            bytes[2 * i + 1] = (byte) text.charAt(i);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static @Nullable String fromCodeUnits(String encoded) {
        byte[] bytes;
        try {
            bytes = Base64.getUrlDecoder().decode(encoded);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (bytes.length % 2 != 0) {
            return null;
        }
        char[] chars = new char[bytes.length / 2];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) (((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff));
        }
        return new String(chars);
    }
}
