package dev.headroom.cache.internal;

/** The stored form of "the loader says there is no value", for negative caching. */
enum Absent {
    INSTANCE
}
