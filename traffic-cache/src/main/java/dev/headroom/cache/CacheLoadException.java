package dev.headroom.cache;

import org.jspecify.annotations.Nullable;

/**
 * A load failed with a checked exception (its cause), returned no value, or was interrupted, and
 * there was no stale value to serve. A loader's unchecked exceptions reach the caller unchanged
 * instead. Carries the cache's name and the key; created without a stack trace, since the cause
 * has one.
 */
public final class CacheLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String cacheName;
    private final String key;

    /**
     * Creates an exception.
     *
     * @param cacheName the cache's name
     * @param key the key whose load failed
     * @param message what went wrong
     * @param cause the loader's exception, if any
     */
    public CacheLoadException(String cacheName, String key, String message, @Nullable Throwable cause) {
        super("cache '" + cacheName + "', key '" + key + "': " + message, cause, false, false);
        this.cacheName = cacheName;
        this.key = key;
    }

    /**
     * Returns the name of the cache that was loading.
     *
     * @return the cache's name
     */
    public String cacheName() {
        return cacheName;
    }

    /**
     * Returns the key whose load failed.
     *
     * @return the key
     */
    public String key() {
        return key;
    }
}
