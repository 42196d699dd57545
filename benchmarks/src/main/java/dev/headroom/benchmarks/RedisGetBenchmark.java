package dev.headroom.benchmarks;

import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisKeys;
import dev.headroom.core.redis.internal.RedisPlumbing;
import dev.headroom.core.redis.internal.RedisScript;
import dev.headroom.core.redis.internal.ScriptOutput;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Reading one 100-byte value: {@code lettuce} is a raw {@code GET} on a plain Lettuce connection,
 * the floor; {@code headroom} is a {@code GET} inside a Lua script through {@link
 * dev.headroom.core.redis.internal.ScriptRunner} ({@code EVALSHA}) on a {@link HeadroomRedis} handle, which
 * is how every Headroom Redis decision travels. Four threads share each connection, as request
 * threads of a service would.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(4)
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 3)
public class RedisGetBenchmark {

    private static final RedisScript GET = RedisScript.of("get.lua", "return redis.call('GET', KEYS[1])");
    private static final byte[] KEY = RedisKeys.bytes(RedisKeys.tagged("bench", "value"));
    private static final byte[][] KEYS = {KEY};

    private BenchmarkRedis server;
    private HeadroomRedis headroom;
    private RedisClient client;
    private StatefulRedisConnection<byte[], byte[]> connection;
    private RedisCommands<byte[], byte[]> lettuce;

    /** Creates the state; JMH calls this. */
    public RedisGetBenchmark() {}

    /** Connects both subjects to one Redis and writes the value they read. */
    @Setup
    public void setUp() {
        server = BenchmarkRedis.acquire();
        headroom = HeadroomRedis.connect(server.uri());
        client = RedisClient.create(server.uri());
        connection = client.connect(ByteArrayCodec.INSTANCE);
        lettuce = connection.sync();
        byte[] value = new byte[100];
        Arrays.fill(value, (byte) 'v');
        lettuce.set(KEY, value);
    }

    /** Closes both subjects and stops a server this trial started. */
    @TearDown
    public void tearDown() {
        connection.close();
        client.shutdown();
        headroom.close();
        server.close();
    }

    /**
     * A raw Lettuce {@code GET}: the floor.
     *
     * @return the value read
     */
    @Benchmark
    public byte[] lettuce() {
        return lettuce.get(KEY);
    }

    /**
     * A {@code GET} in a Lua script through Headroom's script runner.
     *
     * @return the value read
     */
    @Benchmark
    public byte[] headroom() {
        return RedisPlumbing.of(headroom)
                .scripts()
                .run(GET, ScriptOutput.VALUE, KEYS)
                .orElseThrow();
    }
}
