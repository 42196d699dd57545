package dev.headroom.core.redis.internal;

import dev.headroom.core.Scheduler;
import dev.headroom.core.internal.DefaultExecutor;
import dev.headroom.core.redis.HeadroomRedis;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Redis pub/sub subscription that survives connection losses: the one way Headroom's modules
 * listen to Redis channels, on standalone Redis and on Redis Cluster alike (on a cluster a
 * subscription on one node hears what is published on any node).
 *
 * <p>It subscribes on a connection of its own. When that connection is lost it tells the listener
 * {@link PubSubListener#onDisconnected()} at once, drops the connection, and opens a new one and
 * subscribes again after a delay on the {@link Scheduler}: the initial {@link
 * Builder#reconnectDelays reconnect delay} after a loss, doubled after each failed attempt up to the
 * maximum, each delay jittered between half and all of it so that many instances do not reconnect
 * in step. Once subscribed again it tells the listener {@link
 * PubSubListener#onResubscribed()}: messages published in between were missed.
 *
 * <p>{@link Builder#start()} makes the first attempt on the calling thread and waits for the
 * subscription, at most {@link Builder#subscribeTimeout}; if that fails it never throws, and goes on
 * trying in the background. Reconnect attempts run on the builder's executor, since opening a
 * connection blocks. A listener that throws is contained: the failure is counted and logged, and
 * delivery goes on. Thread-safe; {@link #close()} stops everything and is idempotent.
 */
public final class RedisSubscriber implements AutoCloseable {

    /** The first reconnect delay unless configured: {@code 100 ms}. */
    public static final Duration DEFAULT_INITIAL_RECONNECT_DELAY = Duration.ofMillis(100);

    /** The longest reconnect delay unless configured: {@code 5 s}. */
    public static final Duration DEFAULT_MAX_RECONNECT_DELAY = Duration.ofSeconds(5);

    /** How long a subscription attempt may wait for Redis's confirmation unless configured: {@code 2 s}. */
    public static final Duration DEFAULT_SUBSCRIBE_TIMEOUT = Duration.ofSeconds(2);

    private static final Logger LOG = LoggerFactory.getLogger(RedisSubscriber.class);

    private final RedisPlumbing redis;
    private final byte[][] channels;
    private final byte[][] patterns;
    private final PubSubListener listener;
    private final Scheduler scheduler;
    private final Executor executor;
    private final long initialDelayNanos;
    private final long maxDelayNanos;
    private final long subscribeTimeoutNanos;
    private final RedisConnectionStateListener disconnects = new Disconnects();
    private final AtomicReference<@Nullable Subscription> current = new AtomicReference<>();
    private final AtomicReference<Scheduler.@Nullable Cancellable> timer = new AtomicReference<>();
    private final AtomicLong listenerFailures = new AtomicLong();
    private final AtomicLong losses = new AtomicLong();
    // Written by one attempt at a time: attempts are scheduled one after another, never together.
    private volatile long nextDelayNanos;
    private volatile boolean failing;
    private volatile boolean closed;

    private RedisSubscriber(Builder builder) {
        this.redis = builder.redis;
        this.channels = toBytes(builder.channels);
        this.patterns = toBytes(builder.patterns);
        this.listener = builder.listener;
        this.scheduler = builder.scheduler;
        this.executor = builder.executor;
        this.initialDelayNanos = builder.initialDelay.toNanos();
        this.maxDelayNanos = builder.maxDelay.toNanos();
        this.subscribeTimeoutNanos = builder.subscribeTimeout.toNanos();
        this.nextDelayNanos = initialDelayNanos;
    }

    /**
     * Starts describing a subscription.
     *
     * @param redis the connection whose client opens the subscription's own connection
     * @param listener hears messages, losses and resubscriptions
     * @return a builder; name at least one channel or pattern
     */
    public static Builder builder(HeadroomRedis redis, PubSubListener listener) {
        return new Builder(RedisPlumbing.of(redis), Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Says whether the subscription is up now.
     *
     * @return true between a successful subscription and the next loss or {@link #close()}
     */
    public boolean isSubscribed() {
        Subscription subscription = current.get();
        return subscription != null && subscription.connection.isOpen();
    }

    /**
     * Returns how many times the listener threw.
     *
     * @return the count since start
     */
    public long listenerFailures() {
        return listenerFailures.get();
    }

    /**
     * Returns how many times the subscription was lost.
     *
     * @return the count since start
     */
    public long losses() {
        return losses.get();
    }

    /** Unsubscribes, closes the subscription's connection and stops reconnecting. Idempotent. */
    @Override
    public void close() {
        closed = true;
        Scheduler.Cancellable pending = timer.getAndSet(null);
        if (pending != null) {
            pending.cancel();
        }
        redis.removeConnectionListener(disconnects);
        Subscription subscription = current.getAndSet(null);
        if (subscription != null) {
            subscription.abandon();
        }
    }

    @Override
    public String toString() {
        return "RedisSubscriber{" + redis.description() + ", subscribed=" + isSubscribed() + '}';
    }

    private void start() {
        redis.addConnectionListener(disconnects);
        attempt(true);
    }

    /** Opens a connection and subscribes; on failure schedules the next attempt. */
    private void attempt(boolean atStart) {
        if (closed) {
            return;
        }
        Subscription subscription = null;
        try {
            subscription = new Subscription(redis.connectPubSub());
            subscription.subscribe();
        } catch (RuntimeException e) {
            if (subscription != null) {
                subscription.abandon();
            }
            failed(e);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (subscription != null) {
                subscription.abandon();
            }
            failed(e);
            return;
        }
        subscribed(subscription, atStart);
    }

    private void subscribed(Subscription subscription, boolean atStart) {
        nextDelayNanos = initialDelayNanos;
        current.set(subscription);
        if (closed) {
            close();
            return;
        }
        if (failing) {
            LOG.info("resubscribed to Redis pub/sub {}", redis.description());
        }
        failing = false;
        if (!atStart) {
            notifyListener(PubSubListener::onResubscribed);
        }
        if (!subscription.connection.isOpen()) {
            lost(subscription); // lost before it was current, so the disconnect event went unheard
        }
    }

    private void failed(Exception failure) {
        if (closed) {
            return;
        }
        if (!failing) {
            LOG.warn(
                    "cannot subscribe to Redis pub/sub {} now; retrying with backoff: {}",
                    redis.description(),
                    failure.toString());
        } else {
            LOG.debug("still cannot subscribe to Redis pub/sub {}: {}", redis.description(), failure.toString());
        }
        failing = true;
        long delay = Math.min(maxDelayNanos, nextDelayNanos * 2);
        nextDelayNanos = delay;
        scheduleAttempt(delay);
    }

    private void lost(Subscription subscription) {
        if (closed || !current.compareAndSet(subscription, null)) {
            return;
        }
        losses.incrementAndGet();
        LOG.warn("lost the Redis pub/sub subscription {}; resubscribing", redis.description());
        notifyListener(PubSubListener::onDisconnected);
        subscription.abandon();
        nextDelayNanos = initialDelayNanos;
        scheduleAttempt(initialDelayNanos);
    }

    private void scheduleAttempt(long delayNanos) {
        if (closed) {
            return;
        }
        long half = delayNanos / 2;
        long jittered = half + ThreadLocalRandom.current().nextLong(delayNanos - half + 1);
        Scheduler.Cancellable scheduled = scheduler.schedule(() -> runOnExecutor(() -> attempt(false)), jittered);
        Scheduler.Cancellable previous = timer.getAndSet(scheduled);
        if (previous != null) {
            previous.cancel();
        }
        if (closed) {
            scheduled.cancel();
        }
    }

    private void runOnExecutor(Runnable task) {
        try {
            executor.execute(task);
        } catch (RejectedExecutionException e) {
            LOG.warn("Redis pub/sub {} cannot run {}: its executor refused it", redis.description(), task);
        }
    }

    private void notifyListener(Consumer<PubSubListener> call) {
        try {
            call.accept(listener);
        } catch (RuntimeException e) {
            listenerFailed(e);
        }
    }

    private void listenerFailed(RuntimeException e) {
        long failures = listenerFailures.incrementAndGet();
        if (failures == 1) {
            LOG.warn(
                    "a Redis pub/sub listener on {} threw; later failures are logged without a stack trace",
                    redis.description(),
                    e);
        } else {
            LOG.warn(
                    "a Redis pub/sub listener on {} threw ({} failures so far): {}",
                    redis.description(),
                    failures,
                    e.toString());
        }
    }

    private static byte[][] toBytes(List<String> names) {
        byte[][] bytes = new byte[names.size()][];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = names.get(i).getBytes(StandardCharsets.UTF_8);
        }
        return bytes;
    }

    /** One connection's subscription; abandoned for good once lost or closed. */
    private final class Subscription extends RedisPubSubAdapter<byte[], byte[]> {
        final StatefulRedisPubSubConnection<byte[], byte[]> connection;
        private volatile boolean abandoned;

        Subscription(StatefulRedisPubSubConnection<byte[], byte[]> connection) {
            this.connection = connection;
            connection.addListener(this);
        }

        void subscribe() throws InterruptedException {
            if (channels.length > 0) {
                await(connection.async().subscribe(channels));
            }
            if (patterns.length > 0) {
                await(connection.async().psubscribe(patterns));
            }
        }

        private void await(RedisFuture<Void> confirmation) throws InterruptedException {
            try {
                confirmation.get(subscribeTimeoutNanos, TimeUnit.NANOSECONDS);
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                throw new IllegalStateException("subscribe failed: " + (cause != null ? cause : e), cause);
            } catch (TimeoutException e) {
                throw new IllegalStateException(
                        "subscribe not confirmed within " + Duration.ofNanos(subscribeTimeoutNanos), e);
            }
        }

        /** Stops delivery and closes the connection without blocking: it may run on a Redis I/O thread. */
        void abandon() {
            abandoned = true;
            CompletableFuture<Void> unused = connection.closeAsync().whenComplete((done, failure) -> {
                if (failure != null) {
                    LOG.debug("closing a Redis pub/sub connection failed: {}", failure.toString());
                }
            });
        }

        @Override
        public void message(byte[] channel, byte[] message) {
            deliver(channel, message);
        }

        @Override
        public void message(byte[] pattern, byte[] channel, byte[] message) {
            deliver(channel, message);
        }

        private void deliver(byte[] channel, byte[] message) {
            if (abandoned || closed) {
                return;
            }
            try {
                listener.onMessage(new String(channel, StandardCharsets.UTF_8), message);
            } catch (RuntimeException e) {
                listenerFailed(e);
            }
        }
    }

    /** Hears the client's disconnect events and picks out the subscription's own connection. */
    private final class Disconnects implements RedisConnectionStateListener {
        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            Subscription subscription = current.get();
            if (subscription != null && subscription.connection == connection) {
                lost(subscription);
            }
        }
    }

    /** Describes a {@link RedisSubscriber}; {@link #start()} subscribes. */
    public static final class Builder {
        private final RedisPlumbing redis;
        private final PubSubListener listener;
        private List<String> channels = List.of();
        private List<String> patterns = List.of();
        private Scheduler scheduler = Scheduler.system();
        private Executor executor = DefaultExecutor.shared();
        private Duration initialDelay = DEFAULT_INITIAL_RECONNECT_DELAY;
        private Duration maxDelay = DEFAULT_MAX_RECONNECT_DELAY;
        private Duration subscribeTimeout = DEFAULT_SUBSCRIBE_TIMEOUT;

        private Builder(RedisPlumbing redis, PubSubListener listener) {
            this.redis = redis;
            this.listener = listener;
        }

        /**
         * Sets the channels to subscribe to.
         *
         * @param names channel names
         * @return this builder
         * @throws IllegalArgumentException if a name is blank
         */
        public Builder channels(String... names) {
            this.channels = requireNames("channel", names);
            return this;
        }

        /**
         * Sets the glob-style patterns to subscribe to, as {@code PSUBSCRIBE} takes them.
         *
         * @param globs patterns such as {@code hr:{jobs}:wake:*}
         * @return this builder
         * @throws IllegalArgumentException if a pattern is blank
         */
        public Builder patterns(String... globs) {
            this.patterns = requireNames("pattern", globs);
            return this;
        }

        /**
         * Sets where reconnect delays are measured and fired. Default {@link Scheduler#system()}.
         *
         * @param scheduler the scheduler; a {@link dev.headroom.core.ManualScheduler} in tests
         * @return this builder
         */
        public Builder scheduler(Scheduler scheduler) {
            this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
            return this;
        }

        /**
         * Sets where reconnect attempts, which block while connecting, run. Default {@link
         * DefaultExecutor#shared()}.
         *
         * @param executor the executor
         * @return this builder
         */
        public Builder executor(Executor executor) {
            this.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Sets the first reconnect delay and the bound it doubles up to. Defaults {@link
         * #DEFAULT_INITIAL_RECONNECT_DELAY} and {@link #DEFAULT_MAX_RECONNECT_DELAY}.
         *
         * @param initial the delay after a loss and after the first failed attempt
         * @param max the longest delay
         * @return this builder
         * @throws IllegalArgumentException if either is not positive or {@code max} is below {@code
         *     initial}
         */
        public Builder reconnectDelays(Duration initial, Duration max) {
            requirePositive("initial reconnect delay", initial);
            requirePositive("max reconnect delay", max);
            if (max.compareTo(initial) < 0) {
                throw new IllegalArgumentException(
                        "max reconnect delay must be at least the initial one (" + initial + "): " + max);
            }
            this.initialDelay = initial;
            this.maxDelay = max;
            return this;
        }

        /**
         * Sets how long one attempt waits for Redis to confirm the subscription. Default {@link
         * #DEFAULT_SUBSCRIBE_TIMEOUT}.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is not positive
         */
        public Builder subscribeTimeout(Duration timeout) {
            this.subscribeTimeout = requirePositive("subscribeTimeout", timeout);
            return this;
        }

        /**
         * Subscribes, waiting for the first attempt; on failure it goes on trying in the background.
         *
         * @return the running subscription; close it to stop
         * @throws IllegalStateException if no channel or pattern was named, or the handle borrows a
         *     connection and so cannot open one for pub/sub
         */
        public RedisSubscriber start() {
            if (channels.isEmpty() && patterns.isEmpty()) {
                throw new IllegalStateException("a subscription needs at least one channel or pattern");
            }
            if (!redis.canOpenPubSub()) {
                throw new IllegalStateException(
                        "a borrowed connection has no client to open a pub/sub connection from: "
                                + redis.description());
            }
            RedisSubscriber subscriber = new RedisSubscriber(this);
            subscriber.start();
            return subscriber;
        }

        private static List<String> requireNames(String what, String... names) {
            for (String name : names) {
                if (Objects.requireNonNull(name, what).isBlank()) {
                    throw new IllegalArgumentException(what + " must not be blank: '" + name + "'");
                }
            }
            return List.of(names);
        }

        private static Duration requirePositive(String what, Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(what + " must be positive: " + value);
            }
            return value;
        }
    }
}
