package dev.headroom.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.core.redis.internal.RedisPlumbing;
import dev.headroom.testsupport.Await;
import dev.headroom.testsupport.RedisExtension;
import dev.headroom.testsupport.RedisProcess;
import dev.headroom.testsupport.RedisServers;
import dev.headroom.testsupport.TestRedis;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class HeadroomRedisIT {

    @Test
    void readsAndWritesBytes(TestRedis redis) {
        String key = TestRedis.uniquePrefix("bytes");
        try (HeadroomRedis handle = HeadroomRedis.connect(redis.uri())) {
            RedisPlumbing.of(handle).sync().set(RedisKeys.bytes(key), new byte[] {1, 2, 3});

            assertThat(RedisPlumbing.of(handle).sync().get(RedisKeys.bytes(key)))
                    .containsExactly(1, 2, 3);
            assertThat(handle.isCluster()).isFalse();
            assertThat(handle.isConnected()).isTrue();
        }
    }

    @Test
    void selectsTheDatabaseTheUrlNames(TestRedis redis) {
        byte[] key = RedisKeys.bytes(TestRedis.uniquePrefix("database"));
        try (HeadroomRedis three = HeadroomRedis.connect(redis.uri() + "/3");
                HeadroomRedis zero = HeadroomRedis.connect(redis.uri() + "/0")) {
            RedisPlumbing.of(three).sync().set(key, new byte[] {7});

            assertThat(RedisPlumbing.of(zero).sync().get(key)).isNull();
            assertThat(RedisPlumbing.of(three).sync().get(key)).containsExactly(7);
            RedisPlumbing.of(three).sync().del(key);
        }
    }

    @Test
    void authenticatesWithThePasswordInTheUrl() {
        try (RedisProcess server = RedisServers.startStandalone("--requirepass", "s3cret-pw")) {
            try (HeadroomRedis handle = HeadroomRedis.connect("redis://:s3cret-pw@127.0.0.1:" + server.port())) {
                assertThat(RedisPlumbing.of(handle).sync().ping()).isEqualTo("PONG");
            }
            assertThatThrownBy(() -> HeadroomRedis.connect("redis://:wrong-pw@127.0.0.1:" + server.port()))
                    .isInstanceOf(RedisConnectionException.class)
                    .satisfies(e -> assertThat(e.toString()).doesNotContain("wrong-pw"));
        }
    }

    @Test
    void appliesTheCommandTimeout(TestRedis redis) {
        RedisSettings settings =
                RedisSettings.builder().commandTimeout(Duration.ofMillis(100)).build();
        try (HeadroomRedis handle = HeadroomRedis.connect(redis.uri(), settings);
                HeadroomRedis admin = HeadroomRedis.connect(redis.uri())) {
            RedisPlumbing.of(admin).sync().clientPause(300);

            assertThatThrownBy(() -> RedisPlumbing.of(handle).sync().get(RedisKeys.bytes("paused")))
                    .isInstanceOf(RedisCommandTimeoutException.class)
                    .hasMessageContaining("100 millisecond");
            Await.until("the pause ends", () -> pings(handle));
        }
    }

    @Test
    void rejectsCommandsWhileDisconnectedThenReconnectsOnItsOwn() {
        try (RedisProcess server = RedisServers.startStandalone();
                HeadroomRedis handle = HeadroomRedis.connect(server.uri())) {
            byte[] key = RedisKeys.bytes("survives-restart");
            RedisPlumbing.of(handle).sync().set(key, new byte[] {1});

            server.stop();
            Await.until("the client notices the disconnect", () -> !handle.isConnected());

            assertThatThrownBy(() -> RedisPlumbing.of(handle).sync().get(key))
                    .isInstanceOf(RedisException.class)
                    .hasMessageContaining("rejected");

            server.start();
            Await.until("the client reconnects", () -> pings(handle));
            assertThat(RedisPlumbing.of(handle).sync().ping()).isEqualTo("PONG");
        }
    }

    @Test
    void connectFailsClearlyWhenNothingListens() {
        RedisProcess server = RedisServers.startStandalone();
        String uri = server.uri();
        server.close();

        assertThatThrownBy(() -> HeadroomRedis.connect(uri)).isInstanceOf(RedisConnectionException.class);
    }

    @Test
    void readsRedisUrlFromTheEnvironment(TestRedis redis) {
        assertThat(HeadroomRedis.fromEnvironment(Map.of(), RedisSettings.ofDefaults()))
                .isEmpty();
        assertThat(HeadroomRedis.fromEnvironment(Map.of("REDIS_URL", " "), RedisSettings.ofDefaults()))
                .isEmpty();

        Optional<HeadroomRedis> handle =
                HeadroomRedis.fromEnvironment(Map.of("REDIS_URL", redis.uri()), RedisSettings.ofDefaults());

        assertThat(handle).isPresent();
        try (HeadroomRedis opened = handle.get()) {
            assertThat(RedisPlumbing.of(opened).sync().ping()).isEqualTo("PONG");
            assertThat(opened.toString()).contains(redis.uri());
        }
    }

    @Test
    void closeIsIdempotentAndLeavesBorrowedConnectionsOpen(TestRedis redis) {
        HeadroomRedis owner = HeadroomRedis.connect(redis.uri());
        owner.close();
        owner.close();
        assertThat(owner.isConnected()).isFalse();

        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(redis.uri());
        try (var connection = client.connect(io.lettuce.core.codec.ByteArrayCodec.INSTANCE)) {
            HeadroomRedis borrowed = HeadroomRedis.wrap(connection);
            borrowed.close();
            assertThat(connection.sync().ping()).isEqualTo("PONG");
        } finally {
            client.shutdown();
        }
    }

    @Test
    void opensPubSubConnectionsThatReceiveWhatOthersPublish(TestRedis redis) {
        byte[] channel = RedisKeys.bytes(TestRedis.uniquePrefix("channel"));
        java.util.concurrent.BlockingQueue<byte[]> received = new java.util.concurrent.LinkedBlockingQueue<>();
        try (HeadroomRedis handle = HeadroomRedis.connect(redis.uri());
                var subscriber = RedisPlumbing.of(handle).connectPubSub()) {
            subscriber.addListener(new io.lettuce.core.pubsub.RedisPubSubAdapter<byte[], byte[]>() {
                @Override
                public void message(byte[] from, byte[] message) {
                    received.add(message);
                }
            });
            subscriber.sync().subscribe(channel);

            RedisPlumbing.of(handle).sync().publish(channel, new byte[] {42});

            Await.until("the message arrives", () -> !received.isEmpty());
            assertThat(received.peek()).containsExactly(42);
        }
    }

    @Test
    void aBorrowedHandleCannotOpenPubSub(TestRedis redis) {
        io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create(redis.uri());
        try (var connection = client.connect(io.lettuce.core.codec.ByteArrayCodec.INSTANCE)) {
            assertThatThrownBy(() ->
                            RedisPlumbing.of(HeadroomRedis.wrap(connection)).connectPubSub())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("a borrowed connection has no client");
        } finally {
            client.shutdown();
        }
    }

    private static boolean pings(HeadroomRedis handle) {
        try {
            return "PONG".equals(RedisPlumbing.of(handle).sync().ping());
        } catch (RedisException e) {
            return false;
        }
    }
}
