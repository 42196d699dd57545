package dev.headroom.cache;

import dev.headroom.breaker.CircuitBreaker;
import dev.headroom.cache.internal.CacheParts;
import dev.headroom.cache.internal.TrafficCaches;
import dev.headroom.core.Scheduler;
import dev.headroom.core.codec.Codec;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisKeys;
import dev.headroom.core.redis.RedisSettings;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.ToIntFunction;
import org.jspecify.annotations.Nullable;

/**
 * A cache-aside cache of one value type over a local tier that is always there and a Redis tier
 * that is on when a connection is given. Every read says where its value came from.
 *
 * <p><b>Reads.</b> {@link #getOrSet} answers from the local tier, else from Redis, else from the
 * loader, and stores what it loaded in both tiers. Concurrent misses of one key in one process call
 * the loader once (single-flight); with {@link TrafficCacheConfig#lease()} on, instances sharing a
 * Redis call it once per key between them. A read never throws because of Redis: every Redis
 * command is bounded by the connection's command timeout and goes through a circuit breaker ({@link
 * TrafficCacheConfig#redisBreaker()}), and a failing, slow or absent Redis is bypassed and counted
 * while the read is answered from memory or the loader; the breaker lets Redis back in on its own
 * once probes succeed. A read throws only for a bad argument or when the loader fails and no stale
 * value may be served (the loader's unchecked exception unchanged, a checked one in a {@link
 * CacheLoadException}).
 *
 * <p><b>Arguments.</b> Every method checks its arguments before it touches a tier, by the same
 * rules with or without Redis: a null argument throws {@link NullPointerException} naming the
 * parameter; a bad key or TTL throws {@link IllegalArgumentException} naming the rule and the
 * value. Values are never null: an absent value is a loader's empty {@link Optional} in {@link
 * #getOrSetOptional}, cached for {@link TrafficCacheConfig#negativeTtl()} when that is not zero.
 *
 * <p><b>Freshness.</b> A value is fresh for its TTL extended by up to {@link
 * TrafficCacheConfig#ttlJitter()}, the same extension on every instance. Near the end of that time
 * a read may start a background refresh early (XFetch, {@link
 * TrafficCacheConfig#earlyRefreshBeta()}). Past it, a value may still be served within {@link
 * TrafficCacheConfig#staleWhileRevalidate()} (one background refresh replaces it) or {@link
 * TrafficCacheConfig#staleIfError()} (when the loader fails).
 *
 * <p><b>Staleness across instances.</b> {@link #invalidate(String)} and {@link #invalidateAll()}
 * remove values from Redis and tell other instances through Redis pub/sub to drop their local
 * copies; one that misses the message (pub/sub down) serves its local copy for at most {@link
 * TrafficCacheConfig#localTtlCap()} after storing it and drops its whole local tier when pub/sub
 * reconnects; a whole-cache invalidation it did not hear about stops being served within the cap
 * plus {@link TrafficCacheConfig#namespaceCheckInterval()}. Loads in flight in this process when a
 * key is invalidated are not stored; with the lease on, neither are loads in flight on other
 * instances. The package documentation states the bounds in full.
 *
 * <p>Thread-safe. A local hit is one Caffeine read and one clock read: no lock, no decode, no
 * allocation. A value this instance loaded is in Redis when the read that loaded it returns,
 * unless Redis failed.
 *
 * @param <V> the value type
 */
public interface TrafficCache<V> extends AutoCloseable {

    /**
     * Returns a builder for a cache named {@code name} whose values cross Redis through {@code
     * codec}.
     *
     * @param name the cache's name: its Redis namespace and its metrics tag; a valid key without
     *     curly braces, shared by every instance of this cache
     * @param codec turns values into bytes and back, inside core's versioned envelope
     * @param <V> the value type
     * @return a builder
     * @throws IllegalArgumentException if the name is empty, blank, too long or contains a brace
     */
    static <V> Builder<V> builder(String name, Codec<V> codec) {
        return new Builder<>(name, codec);
    }

    /**
     * Returns the cache's name.
     *
     * @return the name given to the builder
     */
    String name();

    /**
     * Returns the configuration in force.
     *
     * @return the configuration given to the builder
     */
    TrafficCacheConfig config();

    /**
     * Returns the value of {@code key}, loading and storing it if no tier has it fresh.
     *
     * @param key the key; not empty or blank, at most {@value RedisKeys#MAX_KEY_BYTES} UTF-8 bytes
     * @param ttl how long the value stays fresh, at least 1 ms
     * @param loader computes the value on a miss
     * @return the value
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the key or the TTL is invalid
     * @throws CacheLoadException if the loader threw a checked exception, returned null or the read
     *     was interrupted, and there was nothing stale to serve
     */
    V getOrSet(String key, Duration ttl, CacheLoader<? extends V> loader);

    /**
     * Like {@link #getOrSet}, and says where the value came from.
     *
     * @param key the key; see {@link #getOrSet}
     * @param ttl how long the value stays fresh, at least 1 ms
     * @param loader computes the value on a miss
     * @return the value and its outcome, whose {@link CacheResult#header()} suits a response header
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the key or the TTL is invalid
     * @throws CacheLoadException as {@link #getOrSet} does
     */
    CacheResult<V> getOrSetResult(String key, Duration ttl, CacheLoader<? extends V> loader);

    /**
     * Like {@link #getOrSetResult}, without blocking: Redis is read asynchronously and the loader
     * returns a stage. Single-flight applies across the blocking and the asynchronous reads.
     *
     * @param key the key; see {@link #getOrSet}
     * @param ttl how long the value stays fresh, at least 1 ms
     * @param loader starts computing the value on a miss; see {@link AsyncCacheLoader#load()} for the
     *     thread
     * @return a future of the value and its outcome; completed exceptionally only with what {@link
     *     #getOrSet} would throw for a failed load
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the key or the TTL is invalid
     */
    CompletableFuture<CacheResult<V>> getOrSetAsync(String key, Duration ttl, AsyncCacheLoader<? extends V> loader);

    /**
     * Returns the value of {@code key} or empty when the loader says it does not exist. An absent
     * value is cached for {@link TrafficCacheConfig#negativeTtl()} if that is not zero, else loaded
     * again on every read.
     *
     * @param key the key; see {@link #getOrSet}
     * @param ttl how long a present value stays fresh, at least 1 ms
     * @param loader computes the value, or empty if there is none
     * @return the value, or empty if absent
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the key or the TTL is invalid
     * @throws CacheLoadException as {@link #getOrSet} does
     */
    Optional<V> getOrSetOptional(String key, Duration ttl, CacheLoader<Optional<V>> loader);

    /**
     * Like {@link #getOrSetOptional}, and says where the answer came from.
     *
     * @param key the key; see {@link #getOrSet}
     * @param ttl how long a present value stays fresh, at least 1 ms
     * @param loader computes the value, or empty if there is none
     * @return the value or empty, and its outcome
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the key or the TTL is invalid
     * @throws CacheLoadException as {@link #getOrSet} does
     */
    CacheResult<Optional<V>> getOrSetOptionalResult(String key, Duration ttl, CacheLoader<Optional<V>> loader);

    /**
     * Returns the values of several keys: from the local tier, then from Redis in one {@code MGET}
     * (split by slot on a cluster), then from one call of {@code loader} for the rest, whose values
     * are written to Redis pipelined. Keys another read in this process is loading are waited for,
     * not loaded twice. The cross-instance lease does not apply to bulk reads.
     *
     * @param keys the keys; duplicates are read once
     * @param ttl how long loaded values stay fresh, at least 1 ms
     * @param loader computes the values the tiers lack
     * @return the values found, in the order of {@code keys}; absent keys are left out
     * @throws NullPointerException if an argument or a key is null
     * @throws IllegalArgumentException if a key or the TTL is invalid
     * @throws CacheLoadException as {@link #getOrSet} does, when a key has nothing to serve
     */
    Map<String, V> getOrSetAll(Collection<String> keys, Duration ttl, BulkCacheLoader<? extends V> loader);

    /**
     * Stores a value in both tiers, replacing what was there, and tells other instances to drop
     * their local copies.
     *
     * @param key the key; see {@link #getOrSet}
     * @param value the value; never null (an absent value is cached only through {@link
     *     #getOrSetOptional})
     * @param ttl how long the value stays fresh, at least 1 ms
     * @return true if every tier took the value; false if Redis could not be written (the local tier
     *     still has it)
     * @throws NullPointerException if an argument is null; nothing is stored then
     * @throws IllegalArgumentException if the key or the TTL is invalid
     */
    boolean put(String key, V value, Duration ttl);

    /**
     * Stores many values at once, for warming a cache before traffic arrives: in the local tier, and
     * in Redis with pipelined writes.
     *
     * @param values the values by key; no value may be null
     * @param ttl how long the values stay fresh, at least 1 ms
     * @return true if every tier took every value; false if some Redis writes failed
     * @throws NullPointerException if an argument or a value is null; nothing is stored then
     * @throws IllegalArgumentException if a key or the TTL is invalid; nothing is stored then
     */
    boolean warm(Map<String, ? extends V> values, Duration ttl);

    /**
     * Removes a key from both tiers, discards loads of it in flight, and tells other instances to
     * drop their local copies.
     *
     * @param key the key; see {@link #getOrSet}
     * @return true if Redis confirmed the removal or there is no Redis tier; false if Redis could not
     *     be reached (the local tier is cleared regardless)
     * @throws NullPointerException if the key is null
     * @throws IllegalArgumentException if the key is invalid
     */
    boolean invalidate(String key);

    /**
     * Invalidates every key of this cache on every instance in O(1): the namespace version in Redis
     * moves on, so old keys are no longer read and expire on their own, and every instance drops its
     * local tier.
     *
     * @return true if Redis confirmed the new version or there is no Redis tier; false if Redis could
     *     not be reached (this instance's local tier is cleared regardless)
     */
    boolean invalidateAll();

    /**
     * Returns the cache's counters.
     *
     * @return a snapshot
     */
    CacheStats stats();

    /**
     * Stops listening for invalidations and closes the Redis connection if the cache opened it
     * ({@link Builder#redisFromEnvironment()}). A borrowed {@link HeadroomRedis} and a given executor
     * stay open. Idempotent.
     */
    @Override
    void close();

    /**
     * Configures a {@link TrafficCache}.
     *
     * @param <V> the value type
     */
    final class Builder<V> {
        private final String name;
        private final Codec<V> codec;
        private TrafficCacheConfig config = TrafficCacheConfig.ofDefaults();
        private @Nullable HeadroomRedis redis;
        private @Nullable Map<String, String> environment;
        private Scheduler scheduler = Scheduler.system();
        private DoubleSupplier random = () -> 1.0 - ThreadLocalRandom.current().nextDouble();
        private @Nullable Executor executor;
        private @Nullable ToIntFunction<? super V> weigher;
        private long maximumWeight;
        private @Nullable CircuitBreaker breaker;

        private Builder(String name, Codec<V> codec) {
            RedisKeys.requireTag(Objects.requireNonNull(name, "name"));
            this.name = name;
            this.codec = Objects.requireNonNull(codec, "codec");
        }

        /**
         * Sets the configuration. Default {@link TrafficCacheConfig#ofDefaults()}.
         *
         * @param config the configuration
         * @return this builder
         */
        public Builder<V> config(TrafficCacheConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Turns the Redis tier on over a connection the caller owns and closes.
         *
         * @param redis an open handle; its command timeout bounds every Redis read
         * @return this builder
         */
        public Builder<V> redis(HeadroomRedis redis) {
            this.redis = Objects.requireNonNull(redis, "redis");
            this.environment = null;
            return this;
        }

        /**
         * Turns the Redis tier on if the {@code REDIS_URL} environment variable is set, over a
         * connection the cache opens at {@link #build()} and closes in {@link TrafficCache#close()}.
         *
         * @return this builder
         */
        public Builder<V> redisFromEnvironment() {
            return redisFromEnvironment(System.getenv());
        }

        /**
         * Turns the Redis tier on if {@code REDIS_URL} is set in {@code environment}.
         *
         * @param environment variables, such as {@link System#getenv()}
         * @return this builder
         */
        public Builder<V> redisFromEnvironment(Map<String, String> environment) {
            this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
            this.redis = null;
            return this;
        }

        /**
         * Guards Redis with the caller's breaker, for instance one shared with other components or
         * watched by the caller, instead of one the cache makes from {@link
         * TrafficCacheConfig#redisBreaker()}. The cache reports every Redis command to it and skips
         * Redis while it refuses.
         *
         * @param breaker the breaker
         * @return this builder
         */
        public Builder<V> redisBreaker(CircuitBreaker breaker) {
            this.breaker = Objects.requireNonNull(breaker, "breaker");
            return this;
        }

        /**
         * Sets the source of time and of waits: every deadline is read from its {@link
         * Scheduler#ticker()} (which also drives the local tier's expiry), and every wait (a read
         * pausing for another instance's lease, the invalidation channel's reconnects) is scheduled
         * on it. Default {@link Scheduler#system()}; tests pass a {@link
         * dev.headroom.core.ManualScheduler} and move time by hand.
         *
         * @param scheduler the scheduler
         * @return this builder
         */
        public Builder<V> scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Sets the random source of early refresh: each call returns a uniform number in {@code (0,
         * 1]}. Default {@link ThreadLocalRandom}; tests pass a constant to force or prevent refreshes.
         *
         * @param random the random source
         * @return this builder
         */
        public Builder<V> earlyRefreshRandom(DoubleSupplier random) {
            this.random = Objects.requireNonNull(random, "random");
            return this;
        }

        /**
         * Sets the executor of background refreshes, of asynchronous reads' steps, of the
         * invalidation channel's reconnects, and of the local tier's maintenance. Default: the one
         * executor Headroom's components share (virtual threads where the JDK has them), with the
         * local tier's maintenance on the common pool. Tests may pass {@code Runnable::run} to
         * refresh synchronously. Blocking reads run their own steps, the loader included, on the
         * calling thread whatever the executor.
         *
         * @param executor the executor; the cache does not shut it down
         * @return this builder
         */
        public Builder<V> executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Bounds the local tier by weight instead of {@link TrafficCacheConfig#localMaxEntries()}.
         *
         * @param maximumWeight the total weight kept, at least 1
         * @param weigher the weight of one value, at least 0; called once when it is stored
         * @return this builder
         * @throws IllegalArgumentException if {@code maximumWeight} is less than 1
         */
        public Builder<V> localMaximumWeight(long maximumWeight, ToIntFunction<? super V> weigher) {
            if (maximumWeight < 1) {
                throw new IllegalArgumentException("localMaximumWeight must be at least 1: " + maximumWeight);
            }
            this.maximumWeight = maximumWeight;
            this.weigher = Objects.requireNonNull(weigher, "weigher");
            return this;
        }

        /**
         * Builds the cache. With a Redis tier it reads the namespace version and subscribes to
         * invalidations; if Redis is unreachable now, the cache starts degraded and recovers on its
         * own.
         *
         * @return a running cache
         * @throws IllegalArgumentException if {@code REDIS_URL} is malformed
         * @throws io.lettuce.core.RedisConnectionException if {@code REDIS_URL} names an unreachable
         *     Redis
         */
        public TrafficCache<V> build() {
            HeadroomRedis handle = redis;
            boolean ownsRedis = false;
            Map<String, String> env = environment;
            if (env != null) {
                handle = HeadroomRedis.fromEnvironment(env, RedisSettings.ofDefaults())
                        .orElse(null);
                ownsRedis = handle != null;
            }
            return TrafficCaches.create(new CacheParts<>(
                    name,
                    codec,
                    config,
                    handle,
                    ownsRedis,
                    breaker,
                    scheduler,
                    random,
                    executor,
                    weigher,
                    maximumWeight));
        }
    }
}
