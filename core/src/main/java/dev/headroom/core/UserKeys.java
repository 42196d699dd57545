package dev.headroom.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The one rule for the keys users hand to Headroom components (a user id, an IP address, an {@code
 * X-Forwarded-For} value, a cache key), applied alike in memory and on Redis, so that the same key
 * gets the same answer everywhere.
 *
 * <p><b>What is accepted.</b> Every non-empty string, of any length and content. {@code null} is
 * refused with a {@link NullPointerException} and the empty string with an {@link
 * IllegalArgumentException}, in memory and on Redis alike and always before any state is touched.
 * Nothing else is refused: a key of 2,000 bytes, of control characters or of unpaired surrogates
 * works as well as {@code "user-42"}.
 *
 * <p><b>The canonical form.</b> {@link #canonical(String)} maps each key to the string Headroom
 * stores it under, one to one:
 *
 * <ul>
 *   <li>a key of at most {@link #MAX_PLAIN_BYTES} UTF-8 bytes with none of {@code % # { }} and no
 *       unpaired surrogate is its own canonical form, returned as the same instance;
 *   <li>otherwise {@code %}, {@code #}, <code>{</code> and <code>}</code> are written {@code %25},
 *       {@code %23}, {@code %7B} and {@code %7D}, and an unpaired surrogate {@code %uXXXX}; if that
 *       is still at most {@link #MAX_PLAIN_BYTES} bytes it is the canonical form;
 *   <li>else the canonical form is {@value #HASHED_MARK} followed by the SHA-256 of that escaped
 *       text in UTF-8, in unpadded base64url: 44 characters.
 * </ul>
 *
 * <p>Two different keys never share a canonical form (short of a SHA-256 collision): escaped forms
 * contain no {@code #} and hashed ones start with it, and escaping is reversible. A canonical form
 * is at most {@link #MAX_PLAIN_BYTES} bytes of well-formed UTF-8 and contains no curly brace, so it
 * may stand inside a Redis Cluster hash tag. Thread-safe and allocation-free for plain keys.
 */
public final class UserKeys {

    /** The longest canonical form, in UTF-8 bytes, before a key is hashed: {@value}. */
    public static final int MAX_PLAIN_BYTES = 256;

    /** The first character of a hashed canonical form, and of no other: {@value}. */
    public static final char HASHED_MARK = '#';

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private UserKeys() {}

    /**
     * Checks a user key and returns its canonical form.
     *
     * @param key the key
     * @return {@code key} itself if it is plain, else its escaped or hashed form
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is empty
     */
    public static String canonical(String key) {
        int length = requireNonEmpty(key).length();
        if (length <= MAX_PLAIN_BYTES) {
            int i = 0;
            // '{', '|', '}', '~', DEL and every non-ASCII character take the careful path.
            while (i < length) {
                char ch = key.charAt(i);
                if (ch >= '{' || ch == '%' || ch == HASHED_MARK) {
                    break;
                }
                i++;
            }
            if (i == length) {
                return key;
            }
        }
        String escaped = escape(key);
        byte[] utf8 = escaped.getBytes(StandardCharsets.UTF_8);
        return utf8.length <= MAX_PLAIN_BYTES ? escaped : HASHED_MARK + sha256(utf8);
    }

    /**
     * Checks that a user key is neither null nor empty, the only keys {@link #canonical(String)}
     * refuses, without computing its canonical form.
     *
     * @param key the key
     * @return {@code key}
     * @throws NullPointerException if {@code key} is null
     * @throws IllegalArgumentException if {@code key} is empty
     */
    public static String requireNonEmpty(String key) {
        if (Objects.requireNonNull(key, "key must not be null").isEmpty()) {
            throw new IllegalArgumentException("key must not be empty: ''");
        }
        return key;
    }

    /** The key with {@code % # { }} and unpaired surrogates escaped; the key itself if none is there. */
    private static String escape(String key) {
        StringBuilder out = null;
        for (int i = 0; i < key.length(); i++) {
            char ch = key.charAt(i);
            String escape = escapeOf(key, i);
            if (escape == null) {
                if (out != null) {
                    out.append(ch);
                }
                if (Character.isHighSurrogate(ch)
                        && i + 1 < key.length()
                        && Character.isLowSurrogate(key.charAt(i + 1))) {
                    i++;
                    if (out != null) {
                        out.append(key.charAt(i));
                    }
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(key.length() + 16).append(key, 0, i);
            }
            out.append(escape);
        }
        return out == null ? key : out.toString();
    }

    /** How the character at {@code i} is escaped, or null if it stands for itself. */
    private static @Nullable String escapeOf(String key, int i) {
        char ch = key.charAt(i);
        String fixed = switch (ch) {
            case '%' -> "%25";
            case HASHED_MARK -> "%23";
            case '{' -> "%7B";
            case '}' -> "%7D";
            default -> null;
        };
        if (fixed != null) {
            return fixed;
        }
        if (!Character.isSurrogate(ch)) {
            return null;
        }
        boolean paired = Character.isHighSurrogate(ch)
                ? i + 1 < key.length() && Character.isLowSurrogate(key.charAt(i + 1))
                : i > 0 && Character.isHighSurrogate(key.charAt(i - 1));
        if (paired) {
            return null;
        }
        return "%u" + HEX[(ch >> 12) & 0xF] + HEX[(ch >> 8) & 0xF] + HEX[(ch >> 4) & 0xF] + HEX[ch & 0xF];
    }

    private static String sha256(byte[] bytes) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(bytes);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (MessageDigest's javadoc).
            throw new IllegalStateException("SHA-256 is missing from this Java platform", e);
        }
    }
}
