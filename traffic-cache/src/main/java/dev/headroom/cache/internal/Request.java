package dev.headroom.cache.internal;

import java.util.concurrent.CompletionStage;
import org.jspecify.annotations.Nullable;

/**
 * One read's key, TTL and loader.
 *
 * @param key the key, already validated
 * @param ttlMillis the TTL of a present value
 * @param load starts the user's loader
 * @param optional whether the caller accepts an absent value
 */
record Request(String key, long ttlMillis, Load load, boolean optional) {

    /** Starts the user's loader: completes with the value, {@link Absent#INSTANCE}, or null (a bug). */
    @FunctionalInterface
    interface Load {
        CompletionStage<@Nullable Object> start() throws Exception;
    }
}
