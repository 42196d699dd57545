package dev.headroom.benchmarks;

import dev.headroom.core.codec.Codec;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisSettings;
import dev.headroom.jobs.JobOptions;
import dev.headroom.jobs.JobQueue;
import dev.headroom.jobs.Retention;
import dev.headroom.jobs.WorkerOptions;
import io.lettuce.core.KeyValue;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.redisson.Redisson;
import org.redisson.api.RBlockingQueue;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;

/**
 * Adding and processing no-op jobs, in jobs per second: each invocation adds {@value #BATCH} jobs
 * one call at a time and waits until {@value #CONSUMERS} concurrent consumers have taken all of
 * them. {@code headroom} is the durable {@link JobQueue} on Redis, added to the normal way, with
 * {@code add} (one script per job), and run by a worker whose turns each record the completions
 * buffered so far and lease the next jobs in one script, with leases, retries and status kept;
 * {@code lettuce} is the floor, a raw list round trip ({@code LPUSH}, then {@code BRPOP} on a
 * connection per consumer, nothing kept); {@code redisson} is Redisson's {@code RBlockingQueue}
 * ({@code offer}, then {@code take}). Goal: headroom at least half the floor.
 *
 * <p>The warmup is long (8 x 3 s) because with 3 x 2 s the C2 compiler was still busy through the
 * measurement (6.7 of 10 CPU-seconds of a measured window) and every subject's score still rose
 * from one iteration to the next.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@OperationsPerInvocation(JobQueueBenchmark.BATCH)
@Fork(1)
@Warmup(iterations = 8, time = 3)
@Measurement(iterations = 5, time = 3)
public class JobQueueBenchmark {

    static final int BATCH = 1000;
    static final int CONSUMERS = 8;
    private static final String PAYLOAD = "{\"report\":\"daily\",\"client\":42}";

    /** Creates the benchmark; JMH calls this. */
    public JobQueueBenchmark() {}

    /** Headroom's durable queue with one worker of concurrency {@value #CONSUMERS}. */
    @State(Scope.Benchmark)
    public static class HeadroomState {
        final Semaphore processed = new Semaphore(0);
        BenchmarkRedis server;
        HeadroomRedis redis;
        JobQueue<String, String> jobs;
        JobOptions options;

        /** Creates the state; JMH calls this. */
        public HeadroomState() {}

        /** Starts the queue and its worker. */
        @Setup
        public void setUp() {
            server = BenchmarkRedis.acquire();
            redis = HeadroomRedis.connect(
                    server.uri(),
                    RedisSettings.builder()
                            .commandTimeout(Duration.ofSeconds(2))
                            .build());
            jobs = JobQueue.builder("bench-" + UUID.randomUUID(), Codec.string(), Codec.string())
                    .redis(redis)
                    .build();
            options = JobOptions.builder()
                    .keepCompleted(Retention.keep(1000, Duration.ofMinutes(10)))
                    .build();
            jobs.worker(WorkerOptions.ofConcurrency(CONSUMERS), job -> {
                processed.release();
                return null;
            });
        }

        /** Stops the worker and the queue. */
        @TearDown
        public void tearDown() {
            jobs.close();
            redis.close();
            server.close();
        }
    }

    /** A raw Lettuce list: one producer connection, one blocking connection per consumer. */
    @State(Scope.Benchmark)
    public static class LettuceState {
        final Semaphore processed = new Semaphore(0);
        BenchmarkRedis server;
        RedisClient client;
        StatefulRedisConnection<byte[], byte[]> producer;
        RedisCommands<byte[], byte[]> commands;
        ExecutorService consumers;
        byte[] key;
        volatile boolean running = true;

        /** Creates the state; JMH calls this. */
        public LettuceState() {}

        /** Connects and starts the consumers. */
        @Setup
        public void setUp() {
            server = BenchmarkRedis.acquire();
            client = RedisClient.create(server.uri());
            producer = client.connect(io.lettuce.core.codec.ByteArrayCodec.INSTANCE);
            commands = producer.sync();
            key = ("bench-" + UUID.randomUUID()).getBytes(StandardCharsets.UTF_8);
            consumers = Executors.newFixedThreadPool(CONSUMERS);
            List<StatefulRedisConnection<byte[], byte[]>> connections = new ArrayList<>();
            for (int i = 0; i < CONSUMERS; i++) {
                connections.add(client.connect(io.lettuce.core.codec.ByteArrayCodec.INSTANCE));
            }
            for (StatefulRedisConnection<byte[], byte[]> connection : connections) {
                consumers.execute(() -> {
                    while (running) {
                        KeyValue<byte[], byte[]> taken = connection.sync().brpop(1, key);
                        if (taken != null && taken.hasValue()) {
                            processed.release();
                        }
                    }
                    connection.close();
                });
            }
        }

        /**
         * Stops the consumers and disconnects.
         *
         * @throws InterruptedException if interrupted while the consumers stop
         */
        @TearDown
        public void tearDown() throws InterruptedException {
            running = false;
            consumers.shutdown();
            consumers.awaitTermination(5, TimeUnit.SECONDS);
            producer.close();
            client.shutdown();
            server.close();
        }
    }

    /** Redisson's blocking queue with {@value #CONSUMERS} consumer threads. */
    @State(Scope.Benchmark)
    public static class RedissonState {
        final Semaphore processed = new Semaphore(0);
        BenchmarkRedis server;
        RedissonClient client;
        RBlockingQueue<String> queue;
        ExecutorService consumers;
        volatile boolean running = true;

        /** Creates the state; JMH calls this. */
        public RedissonState() {}

        /** Connects and starts the consumers. */
        @Setup
        public void setUp() {
            server = BenchmarkRedis.acquire();
            Config config = new Config();
            config.useSingleServer().setAddress(server.uri());
            client = Redisson.create(config);
            queue = client.getBlockingQueue("bench-" + UUID.randomUUID());
            consumers = Executors.newFixedThreadPool(CONSUMERS);
            for (int i = 0; i < CONSUMERS; i++) {
                consumers.execute(() -> {
                    while (running) {
                        try {
                            if (queue.poll(1, TimeUnit.SECONDS) != null) {
                                processed.release();
                            }
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return;
                        }
                    }
                });
            }
        }

        /**
         * Stops the consumers and disconnects.
         *
         * @throws InterruptedException if interrupted while the consumers stop
         */
        @TearDown
        public void tearDown() throws InterruptedException {
            running = false;
            consumers.shutdown();
            consumers.awaitTermination(5, TimeUnit.SECONDS);
            client.shutdown();
            server.close();
        }
    }

    /**
     * Headroom's durable queue on Redis.
     *
     * @param state the queue and its worker
     * @throws InterruptedException if interrupted while waiting for the batch
     */
    @Benchmark
    public void headroom(HeadroomState state) throws InterruptedException {
        for (int i = 0; i < BATCH; i++) {
            state.jobs.add(PAYLOAD, state.options);
        }
        state.processed.acquire(BATCH);
    }

    /**
     * The floor: a raw Lettuce list.
     *
     * @param state the list and its consumers
     * @throws InterruptedException if interrupted while waiting for the batch
     */
    @Benchmark
    public void lettuce(LettuceState state) throws InterruptedException {
        byte[] payload = PAYLOAD.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < BATCH; i++) {
            state.commands.lpush(state.key, payload);
        }
        state.processed.acquire(BATCH);
    }

    /**
     * Redisson's blocking queue.
     *
     * @param state the queue and its consumers
     * @throws InterruptedException if interrupted while waiting for the batch
     */
    @Benchmark
    public void redisson(RedissonState state) throws InterruptedException {
        for (int i = 0; i < BATCH; i++) {
            state.queue.offer(PAYLOAD);
        }
        state.processed.acquire(BATCH);
    }
}
