package dev.headroom.cache.internal;

import dev.headroom.core.Scheduler;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.internal.PubSubListener;
import dev.headroom.core.redis.internal.RedisSubscriber;
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries invalidations between instances over the cache's Redis pub/sub channel, through core's
 * {@link RedisSubscriber}, which resubscribes on its own after a loss (with backoff on the cache's
 * scheduler) and after a failed first attempt.
 *
 * <p>Every resubscription tells the receiver to drop its local tier, because messages sent while
 * the subscription was down are lost: so after a reconnect the local tier serves nothing whose
 * invalidation it may have missed. Until then a copy is served at most the local TTL cap after it
 * was stored. A handle that borrows its connection cannot open one for pub/sub: then nothing is
 * received, which is logged once, and staleness is bounded by the cap alone.
 */
final class InvalidationBus implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InvalidationBus.class);

    /** Receives what other instances invalidated. Called on a Redis I/O thread: be quick. */
    interface Receiver {
        void onMessage(InvalidationMessage message);

        /** The subscription is up again after a loss or a failed start: messages may have been missed. */
        void onMissedMessages();
    }

    private final @Nullable RedisSubscriber subscriber;

    private InvalidationBus(@Nullable RedisSubscriber subscriber) {
        this.subscriber = subscriber;
    }

    /**
     * Subscribes, waiting for the first attempt; if Redis cannot be reached now, it goes on trying in
     * the background.
     *
     * @param source this instance's id: its own messages are ignored
     * @param executor where reconnect attempts, which block, run
     */
    static InvalidationBus start(
            HeadroomRedis redis,
            String channel,
            String source,
            Receiver receiver,
            Scheduler scheduler,
            Executor executor) {
        try {
            return new InvalidationBus(RedisSubscriber.builder(redis, new Listener(source, receiver))
                    .channels(channel)
                    .scheduler(scheduler)
                    .executor(executor)
                    .start());
        } catch (IllegalStateException e) {
            LOG.warn(
                    "invalidations will not reach other instances' local tiers ({}); their staleness is bounded by"
                            + " the local TTL cap",
                    e.getMessage());
            return new InvalidationBus(null);
        }
    }

    @Override
    public void close() {
        RedisSubscriber running = subscriber;
        if (running != null) {
            running.close();
        }
    }

    private record Listener(String source, Receiver receiver) implements PubSubListener {
        @Override
        public void onMessage(String channel, byte[] message) {
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
        public void onResubscribed() {
            receiver.onMissedMessages();
        }
    }
}
