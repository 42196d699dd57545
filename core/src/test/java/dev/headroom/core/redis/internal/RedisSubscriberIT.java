package dev.headroom.core.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.core.ManualScheduler;
import dev.headroom.core.Scheduler;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisSettings;
import dev.headroom.testsupport.Await;
import dev.headroom.testsupport.RedisExtension;
import dev.headroom.testsupport.RedisProcess;
import dev.headroom.testsupport.RedisServers;
import dev.headroom.testsupport.TestRedis;
import dev.headroom.testsupport.TestRedisCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class RedisSubscriberIT {

    private static final Duration INITIAL = Duration.ofMillis(100);
    private static final Duration MAX = Duration.ofSeconds(1);

    @Test
    void deliversWhatIsPublishedOnItsChannelsAndPatterns(TestRedis redis) {
        String channel = TestRedis.uniquePrefix("channel");
        String prefix = TestRedis.uniquePrefix("pattern");
        Recorder recorder = new Recorder();
        try (HeadroomRedis handle = HeadroomRedis.connect(redis.uri());
                RedisSubscriber subscriber = RedisSubscriber.builder(handle, recorder)
                        .channels(channel)
                        .patterns(prefix + ":*")
                        .start()) {
            assertThat(subscriber.isSubscribed()).isTrue();

            publish(handle, channel, "one");
            publish(handle, prefix + ":a", "two");

            assertThat(recorder.next()).isEqualTo(channel + "=one");
            assertThat(recorder.next()).isEqualTo(prefix + ":a=two");
            assertThat(recorder.events).isEmpty();
        }
    }

    @Test
    void aKilledConnectionIsReportedThenResubscribedThroughTheScheduler(TestRedis redis) {
        String channel = TestRedis.uniquePrefix("killed");
        Recorder recorder = new Recorder();
        ManualScheduler scheduler = new ManualScheduler();
        try (HeadroomRedis handle = HeadroomRedis.connect(redis.uri());
                RedisSubscriber subscriber = manual(handle, recorder, scheduler, channel)) {
            long killed = killPubSubClients(handle);

            assertThat(killed).isPositive();
            Await.until("the loss is reported", () -> recorder.events.contains("disconnected"));
            Await.until("a reconnect is scheduled", () -> scheduler.pendingTasks() == 1);
            assertThat(subscriber.isSubscribed()).isFalse();
            assertThat(scheduler.pendingDelays().get(0)).isBetween(INITIAL.dividedBy(2), INITIAL);

            scheduler.advance(INITIAL);

            assertThat(recorder.events).containsExactly("disconnected", "resubscribed");
            assertThat(subscriber.isSubscribed()).isTrue();
            assertThat(subscriber.losses()).isEqualTo(1);
            publish(handle, channel, "after");
            assertThat(recorder.next()).isEqualTo(channel + "=after");
        }
    }

    @Test
    void whileRedisIsDownItRetriesWithGrowingDelaysAndResubscribesWhenItIsBack() {
        Recorder recorder = new Recorder();
        ManualScheduler scheduler = new ManualScheduler();
        try (RedisProcess server = RedisServers.startStandalone();
                HeadroomRedis handle = HeadroomRedis.connect(
                        server.uri(),
                        RedisSettings.builder()
                                .connectTimeout(Duration.ofMillis(500))
                                .build());
                RedisSubscriber subscriber = manual(handle, recorder, scheduler, "restart")) {
            server.stop();
            Await.until("the loss is reported", () -> recorder.events.contains("disconnected"));
            Await.until("a reconnect is scheduled", () -> scheduler.pendingTasks() == 1);

            assertThat(scheduler.pendingDelays())
                    .singleElement()
                    .satisfies(delay -> assertThat(delay).isBetween(INITIAL.dividedBy(2), INITIAL));
            runNextAttempt(scheduler); // fails: Redis is down
            assertThat(scheduler.pendingDelays())
                    .singleElement()
                    .satisfies(delay -> assertThat(delay).isBetween(INITIAL, INITIAL.multipliedBy(2)));
            runNextAttempt(scheduler); // fails again
            assertThat(scheduler.pendingDelays())
                    .singleElement()
                    .satisfies(delay -> assertThat(delay).isBetween(INITIAL.multipliedBy(2), INITIAL.multipliedBy(4)));
            assertThat(recorder.events).containsExactly("disconnected");

            server.start();
            scheduler.advance(MAX);

            assertThat(recorder.events).containsExactly("disconnected", "resubscribed");
            assertThat(subscriber.isSubscribed()).isTrue();
            Await.until("the main connection is back", handle::isConnected);
            publish(handle, "restart", "back");
            assertThat(recorder.next()).isEqualTo("restart=back");
        }
    }

    @Test
    void aListenerThatThrowsIsContainedAndDeliveryGoesOn(TestRedis redis) {
        String channel = TestRedis.uniquePrefix("throws");
        AtomicInteger calls = new AtomicInteger();
        BlockingQueue<String> delivered = new LinkedBlockingQueue<>();
        PubSubListener listener = (from, message) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("listener bug");
            }
            delivered.add(new String(message, StandardCharsets.UTF_8));
        };
        try (HeadroomRedis handle = HeadroomRedis.connect(redis.uri());
                RedisSubscriber subscriber = RedisSubscriber.builder(handle, listener)
                        .channels(channel)
                        .start()) {
            publish(handle, channel, "first");
            publish(handle, channel, "second");

            Await.until("the second message arrives", () -> !delivered.isEmpty());
            assertThat(delivered).containsExactly("second");
            assertThat(subscriber.listenerFailures()).isEqualTo(1);
            assertThat(subscriber.isSubscribed()).isTrue();
        }
    }

    @Test
    void closingStopsDeliveryAndReconnection(TestRedis redis) {
        String channel = TestRedis.uniquePrefix("closed");
        Recorder recorder = new Recorder();
        ManualScheduler scheduler = new ManualScheduler();
        try (HeadroomRedis handle = HeadroomRedis.connect(redis.uri())) {
            RedisSubscriber subscriber = manual(handle, recorder, scheduler, channel);
            subscriber.close();
            subscriber.close();

            assertThat(subscriber.isSubscribed()).isFalse();
            assertThat(RedisPlumbing.of(handle).sync().publish(bytes(channel), bytes("late")))
                    .isZero();
            assertThat(scheduler.pendingTasks()).isZero();
        }
    }

    @Test
    void refusesToStartWithoutChannelsOrOnABorrowedConnection(TestRedis redis) {
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(redis.uri());
        try (HeadroomRedis handle = HeadroomRedis.connect(redis.uri());
                var connection = client.connect(io.lettuce.core.codec.ByteArrayCodec.INSTANCE)) {
            assertThatThrownBy(() ->
                            RedisSubscriber.builder(handle, new Recorder()).start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("a subscription needs at least one channel or pattern");
            assertThatThrownBy(() -> RedisSubscriber.builder(HeadroomRedis.wrap(connection), new Recorder())
                            .channels("c")
                            .start())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("a borrowed connection has no client");
            assertThatThrownBy(() ->
                            RedisSubscriber.builder(handle, new Recorder()).channels(" "))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("channel must not be blank: ' '");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void onAClusterItHearsEveryNodeAndResubscribesAfterItsConnectionIsKilled(TestRedisCluster cluster) {
        Recorder recorder = new Recorder();
        ManualScheduler scheduler = new ManualScheduler();
        String channel = TestRedis.uniquePrefix("cluster");
        try (HeadroomRedis handle = HeadroomRedis.connectCluster(cluster.nodeUris(), RedisSettings.ofDefaults());
                RedisSubscriber subscriber = manual(handle, recorder, scheduler, channel)) {
            publish(handle, channel, "before");
            assertThat(recorder.next()).isEqualTo(channel + "=before");

            long killed = 0;
            for (String node : cluster.nodeUris()) {
                try (HeadroomRedis direct = HeadroomRedis.connect(node)) {
                    killed += killPubSubClients(direct);
                }
            }

            assertThat(killed).isPositive();
            Await.until("the loss is reported", () -> recorder.events.contains("disconnected"));
            Await.until("a reconnect is scheduled", () -> scheduler.pendingTasks() == 1);
            scheduler.advance(MAX);
            assertThat(recorder.events).containsExactly("disconnected", "resubscribed");
            assertThat(subscriber.isSubscribed()).isTrue();
            publish(handle, channel, "after");
            assertThat(recorder.next()).isEqualTo(channel + "=after");
        }
    }

    private static RedisSubscriber manual(
            HeadroomRedis handle, PubSubListener listener, Scheduler scheduler, String channel) {
        return RedisSubscriber.builder(handle, listener)
                .channels(channel)
                .scheduler(scheduler)
                .executor(Runnable::run)
                .reconnectDelays(INITIAL, MAX)
                .start();
    }

    /** Moves time to the pending attempt's deadline exactly, so the next delay is measured from there. */
    private static void runNextAttempt(ManualScheduler scheduler) {
        scheduler.advance(scheduler.pendingDelays().get(0));
    }

    private static long killPubSubClients(HeadroomRedis handle) {
        return RedisPlumbing.of(handle).sync().clientKill(io.lettuce.core.KillArgs.Builder.typePubsub());
    }

    private static void publish(HeadroomRedis handle, String channel, String message) {
        RedisPlumbing.of(handle).sync().publish(bytes(channel), bytes(message));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Records messages in one queue, losses and resubscriptions in a list. */
    private static final class Recorder implements PubSubListener {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void onMessage(String channel, byte[] message) {
            messages.add(channel + '=' + new String(message, StandardCharsets.UTF_8));
        }

        @Override
        public void onDisconnected() {
            events.add("disconnected");
        }

        @Override
        public void onResubscribed() {
            events.add("resubscribed");
        }

        String next() {
            Await.until("a message arrives", () -> !messages.isEmpty());
            return messages.remove();
        }
    }
}
