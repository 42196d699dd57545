package dev.headroom.cache.internal;

import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.internal.RedisPlumbing;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries invalidations between instances over a Redis pub/sub channel, on a connection of its own.
 *
 * <p>Lettuce reconnects the connection and subscribes again on its own. Every subscription after
 * the first tells the receiver to drop its local tier, because messages sent while the connection
 * was down are lost: so a reconnect never leaves the local tier serving a value whose invalidation
 * it missed. If the first subscription fails (Redis down at start), the connection is retried at
 * most once per retry interval, and its first subscription then also drops the local tier.
 */
final class InvalidationBus implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InvalidationBus.class);

    /** Receives what other instances invalidated. Called on a Redis I/O thread: be quick. */
    interface Receiver {
        void onMessage(InvalidationMessage message);

        void onResubscribed();
    }

    private final HeadroomRedis redis;
    private final byte[] channel;
    private final String source;
    private final Receiver receiver;
    private final Executor executor;
    private final long retryNanos;
    private final AtomicBoolean connecting = new AtomicBoolean();
    private final AtomicBoolean firstSubscriptionPending = new AtomicBoolean();
    private volatile @Nullable StatefulRedisPubSubConnection<byte[], byte[]> connection;
    private volatile boolean unsupported;
    private volatile boolean closed;
    private volatile long lastAttempt;

    InvalidationBus(
            HeadroomRedis redis,
            byte[] channel,
            String source,
            Receiver receiver,
            Executor executor,
            Duration retryInterval,
            long now) {
        this.redis = redis;
        this.channel = channel.clone();
        this.source = source;
        this.receiver = receiver;
        this.executor = executor;
        this.retryNanos = retryInterval.toNanos();
        this.lastAttempt = now;
    }

    /** Subscribes now, waiting for the confirmation at most {@code timeout}. */
    void start(Duration timeout) {
        firstSubscriptionPending.set(true);
        connecting.set(true);
        try {
            if (!connect(timeout)) {
                firstSubscriptionPending.set(false);
            }
        } finally {
            connecting.set(false);
        }
    }

    /** Retries a failed subscription in the background, at most once per retry interval. */
    void maybeReconnect(long now) {
        if (connection != null || unsupported || closed || now - lastAttempt < retryNanos) {
            return;
        }
        if (connecting.compareAndSet(false, true)) {
            lastAttempt = now;
            try {
                executor.execute(() -> {
                    try {
                        connect(Duration.ofSeconds(5));
                    } finally {
                        connecting.set(false);
                    }
                });
            } catch (RejectedExecutionException e) {
                connecting.set(false);
            }
        }
    }

    private boolean connect(Duration timeout) {
        StatefulRedisPubSubConnection<byte[], byte[]> opened;
        try {
            opened = RedisPlumbing.of(redis).connectPubSub();
        } catch (IllegalStateException e) {
            unsupported = true;
            LOG.warn(
                    "invalidations will not reach other instances' local tiers ({}); their staleness is bounded by"
                            + " the local TTL cap",
                    e.getMessage());
            return false;
        } catch (RuntimeException e) {
            LOG.warn("cannot subscribe to cache invalidations now, will retry: {}", e.toString());
            return false;
        }
        opened.addListener(new Listener());
        try {
            opened.async().subscribe(channel).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            opened.close();
            return false;
        } catch (Exception e) {
            LOG.warn("cannot subscribe to cache invalidations now, will retry: {}", e.toString());
            opened.close();
            return false;
        }
        connection = opened;
        if (closed) {
            opened.close();
        }
        return true;
    }

    @Override
    public void close() {
        closed = true;
        StatefulRedisPubSubConnection<byte[], byte[]> current = connection;
        if (current != null) {
            current.close();
        }
    }

    private final class Listener extends RedisPubSubAdapter<byte[], byte[]> {
        @Override
        public void message(byte[] channel, byte[] message) {
            InvalidationMessage parsed = InvalidationMessage.decode(message);
            if (parsed == null) {
                LOG.debug("ignoring an invalidation message this release does not understand");
                return;
            }
            if (!parsed.source().equals(source)) {
                receiver.onMessage(parsed);
            }
        }

        @Override
        public void subscribed(byte[] channel, long count) {
            if (!firstSubscriptionPending.compareAndSet(true, false)) {
                receiver.onResubscribed();
            }
        }
    }
}
