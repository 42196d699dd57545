package dev.headroom.jobs.internal.durable;

import dev.headroom.core.Scheduler;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.internal.PubSubListener;
import dev.headroom.core.redis.internal.RedisPlumbing;
import dev.headroom.core.redis.internal.RedisSubscriber;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Wakes a queue's workers when Redis announces work on the queue's {@code wake} channel, through
 * core's {@link RedisSubscriber}: opened with the first worker, it survives connection losses, and
 * once it is back after a loss it wakes every worker, since announcements made meanwhile were missed.
 * A handle that cannot open pub/sub connections (a borrowed connection) wakes no one: workers poll.
 */
final class RedisWakeUps implements PubSubListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RedisWakeUps.class);

    private final HeadroomRedis redis;
    private final String channel;
    private final Scheduler scheduler;
    private final Executor executor;
    private final List<Runnable> workers = new CopyOnWriteArrayList<>();
    private final ReentrantLock lock = new ReentrantLock();
    private @Nullable RedisSubscriber subscriber;
    private boolean closed;

    RedisWakeUps(HeadroomRedis redis, String channel, Scheduler scheduler, Executor executor) {
        this.redis = redis;
        this.channel = channel;
        this.scheduler = scheduler;
        this.executor = executor;
    }

    /**
     * Wakes {@code worker} from now on, subscribing first if no worker did yet.
     *
     * @return stops waking it
     */
    AutoCloseable add(Runnable worker) {
        workers.add(worker);
        subscribeOnce();
        return () -> workers.remove(worker);
    }

    private void subscribeOnce() {
        lock.lock();
        try {
            if (subscriber != null || closed) {
                return;
            }
            if (!RedisPlumbing.of(redis).canOpenPubSub()) {
                LOG.debug("no pub/sub connection for {}: a borrowed connection; workers poll", channel);
                return;
            }
            // Waits for the first subscription, so that jobs added once the worker exists wake it.
            subscriber = RedisSubscriber.builder(redis, this)
                    .channels(channel)
                    .scheduler(scheduler)
                    .executor(executor)
                    .start();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void onMessage(String channel, byte[] message) {
        workers.forEach(Runnable::run);
    }

    @Override
    public void onResubscribed() {
        workers.forEach(Runnable::run);
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            if (subscriber != null) {
                subscriber.close();
                subscriber = null;
            }
        } finally {
            lock.unlock();
        }
    }
}
