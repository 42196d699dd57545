package dev.headroom.core.redis;

import io.lettuce.core.RedisURI;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses and redacts Redis URLs; errors never repeat a password. */
final class RedisUrls {

    private static final Pattern USER_INFO = Pattern.compile("(://)([^@/]*)@");

    private RedisUrls() {}

    /**
     * Parses a {@code redis://} or {@code rediss://} URL with optional user, password and database.
     *
     * @throws IllegalArgumentException naming the redacted URL and what is wrong with it; the parser's
     *     own exception is not chained, since its message would repeat the password
     */
    static RedisURI parse(String url, RedisSettings settings) {
        String trimmed = url.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("Redis URL must not be blank: '" + url + "'");
        }
        if (!trimmed.startsWith("redis://") && !trimmed.startsWith("rediss://")) {
            throw new IllegalArgumentException(
                    "Redis URL must start with redis:// or rediss://: '" + redact(trimmed) + "'");
        }
        requireHost(trimmed);
        RedisURI uri;
        try {
            uri = RedisURI.create(trimmed);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "Redis URL is malformed: '" + redact(trimmed) + "': " + redact(String.valueOf(e.getMessage())));
        }
        // Lettuce bounds the connection handshake by the URI timeout; commands get theirs from TimeoutOptions.
        uri.setTimeout(settings.connectTimeout());
        return uri;
    }

    /** Lettuce falls back to a default port on garbage such as {@code host:abc}; we refuse it. */
    private static void requireHost(String url) {
        try {
            URI parsed = new URI(url);
            if (parsed.getHost() == null) {
                throw new IllegalArgumentException(
                        "Redis URL is malformed: '" + redact(url) + "': no host, or a port that is not a number");
            }
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("Redis URL is malformed: '" + redact(url) + "': " + e.getReason());
        }
    }

    /**
     * Turns the client's failure to connect into Headroom's exception: the message names the
     * redacted target and the chain of reasons, with every password of {@code urls} scrubbed.
     */
    static RedisConnectionFailedException connectionFailed(String target, List<String> urls, RuntimeException failure) {
        StringBuilder reasons = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && !message.isBlank() && reasons.indexOf(message) < 0) {
                reasons.append(reasons.length() == 0 ? "" : ": ").append(message);
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        if (reasons.length() == 0) {
            reasons.append(failure.getClass().getSimpleName());
        }
        String reason = reasons.toString();
        for (String url : urls) {
            String password = password(url.trim());
            if (!password.isEmpty()) {
                reason = reason.replace(password, "***");
            }
        }
        return new RedisConnectionFailedException(target, redact(reason));
    }

    /** Returns the password in a URL's user info, or an empty string. */
    private static String password(String url) {
        Matcher userInfo = USER_INFO.matcher(url);
        if (!userInfo.find()) {
            return "";
        }
        String info = userInfo.group(2);
        int colon = info.indexOf(':');
        return colon < 0 ? info : info.substring(colon + 1);
    }

    /** Replaces the password in a URL's user info with {@code ***}. */
    static String redact(String url) {
        return USER_INFO.matcher(url).replaceFirst(match -> {
            String userInfo = match.group(2);
            int colon = userInfo.indexOf(':');
            String redacted = colon < 0 ? "***" : userInfo.substring(0, colon) + ":***";
            return match.group(1) + Matcher.quoteReplacement(redacted) + "@";
        });
    }
}
