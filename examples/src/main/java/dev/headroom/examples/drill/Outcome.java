package dev.headroom.examples.drill;

/**
 * What {@link LoadRecorder} counts per client; a response adds to one status class and may add to
 * {@link #STATUS_429}, one cache class and {@link #DEGRADED}.
 */
enum Outcome {
    STATUS_2XX,
    STATUS_4XX,
    STATUS_5XX,
    /** A status outside 2xx, 4xx and 5xx (1xx, 3xx: the drill follows no redirect). */
    STATUS_OTHER,
    STATUS_429,
    ERROR,
    TIMEOUT,
    /** {@code x-headroom-cache} present, whatever its value. */
    CACHE_HEADER,
    CACHE_HIT,
    CACHE_STALE,
    CACHE_MISS,
    DEGRADED;

    /** The status class of {@code status}. */
    static Outcome ofStatus(int status) {
        return switch (status / 100) {
            case 2 -> STATUS_2XX;
            case 4 -> STATUS_4XX;
            case 5 -> STATUS_5XX;
            default -> STATUS_OTHER;
        };
    }
}
