package dev.headroom.jobs.internal.durable;

import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisKeys;
import dev.headroom.core.redis.internal.RedisPlumbing;
import dev.headroom.core.redis.internal.RedisScript;
import dev.headroom.core.redis.internal.ScriptOutput;
import dev.headroom.jobs.AddOutcome;
import dev.headroom.jobs.AddResult;
import dev.headroom.jobs.JobState;
import dev.headroom.jobs.QueueCounts;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable queue in Redis: each transition one script from {@code *.lua} next to this class,
 * with {@code lib.lua} prepended, and {@code lifecycle.lua} too for the scripts that finish or
 * lease jobs. Idle workers are woken through pub/sub on {@code hr:{queue}:wake}
 * when the handle can open a pub/sub connection, and poll otherwise.
 */
public final class RedisBackend implements Backend {

    private static final Logger LOG = LoggerFactory.getLogger(RedisBackend.class);
    private static final String LIB = source("lib.lua");
    private static final String LIFECYCLE = source("lifecycle.lua");
    private static final RedisScript ADD = script("add.lua");
    private static final RedisScript COMPLETE = script("complete.lua", LIFECYCLE);
    private static final RedisScript FAIL = script("fail.lua", LIFECYCLE);
    private static final RedisScript EXTEND = script("extend.lua");
    private static final RedisScript PROGRESS = script("progress.lua");
    private static final RedisScript STATUS = script("status.lua");
    private static final RedisScript COUNTS = script("counts.lua");
    private static final RedisScript REDRIVE = script("redrive.lua");
    private static final int FIELDS_PER_JOB = 8;
    private static final int FIELDS_PER_LEASE = 4;
    private static final int FIELDS_PER_FINISHED = 4;
    private static final byte[] EMPTY = new byte[0];
    private static final byte[] ZERO = {'0'};
    private static final byte[] ONE = {'1'};
    /** Past this many queues the key cache starts over; applications use a handful. */
    private static final int MAX_CACHED_QUEUES = 1024;

    private final HeadroomRedis redis;
    private final ReentrantLock pubSubLock = new ReentrantLock();
    private final Map<String, List<Runnable>> wakers = new ConcurrentHashMap<>();
    private final Map<String, QueueKeys> keysByQueue = new ConcurrentHashMap<>();
    private @Nullable StatefulRedisPubSubConnection<byte[], byte[]> pubSub;
    private boolean pubSubUnavailable;

    public RedisBackend(HeadroomRedis redis) {
        this.redis = redis;
    }

    private static String source(String name) {
        try (InputStream in = RedisBackend.class.getResourceAsStream("/dev/headroom/jobs/internal/redis/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing script resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A script with {@code lib.lua} and the given helper sources prepended, in order. */
    private static RedisScript script(String name, String... helpers) {
        StringBuilder body = new StringBuilder(LIB).append('\n');
        for (String helper : helpers) {
            body.append(helper).append('\n');
        }
        return RedisScript.of(name, body.append(source(name)).toString());
    }

    static String prefix(String queue) {
        return RedisKeys.tagged(queue, "") + ':';
    }

    /**
     * A queue's key prefix and the keys every script declares, encoded once: scripts run per job,
     * and encoding them each time showed in allocation profiles. The arrays are shared and never
     * written after construction.
     */
    @SuppressWarnings("ArrayRecordComponent") // never compared or hashed
    private record QueueKeys(String prefix, byte[] prefixBytes, byte[][] keys) {
        static QueueKeys of(String queue) {
            String prefix = RedisBackend.prefix(queue);
            return new QueueKeys(prefix, bytes(prefix), new byte[][] {
                bytes(prefix + "waiting"), bytes(prefix + "delayed"), bytes(prefix + "active")
            });
        }
    }

    private QueueKeys keys(String queue) {
        QueueKeys cached = keysByQueue.get(queue);
        if (cached == null) {
            if (keysByQueue.size() >= MAX_CACHED_QUEUES) {
                keysByQueue.clear();
            }
            cached = keysByQueue.computeIfAbsent(queue, QueueKeys::of);
        }
        return cached;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] bytes(long number) {
        return Long.toString(number).getBytes(StandardCharsets.US_ASCII);
    }

    private static String text(@Nullable Object reply) {
        return reply == null ? "" : new String((byte[]) reply, StandardCharsets.UTF_8);
    }

    private static long number(@Nullable Object reply) {
        if (reply instanceof Long value) {
            return value;
        }
        String text = text(reply);
        return text.isEmpty() ? 0 : Long.parseLong(text);
    }

    @Override
    public List<AddResult> add(String queue, List<NewJob> jobs) {
        QueueKeys keys = keys(queue);
        List<byte[]> args = new ArrayList<>(2 + jobs.size() * FIELDS_PER_JOB);
        args.add(keys.prefixBytes());
        args.add(bytes(jobs.size()));
        for (NewJob job : jobs) {
            args.add(job.payload());
            args.add(job.jobId() == null ? EMPTY : bytes(job.jobId()));
            args.add(PackedOptions.pack(job));
            args.add(bytes(job.priority()));
            args.add(bytes(job.delayMs()));
            args.add(job.debounceKey() == null ? EMPTY : bytes(job.debounceKey()));
            args.add(bytes(job.debounceWindowMs()));
            args.add(bytes(job.debounceMaxWaitMs()));
        }
        List<Object> reply = RedisPlumbing.of(redis)
                .scripts()
                .run(ADD, ScriptOutput.MULTI, keys.keys(), args.toArray(byte[][]::new));
        List<AddResult> results = new ArrayList<>(jobs.size());
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            results.add(new AddResult(text(reply.get(i)), outcome((byte[]) reply.get(i + 1))));
        }
        return results;
    }

    private static AddOutcome outcome(byte[] name) {
        return switch (name[0]) {
            case 'A' -> AddOutcome.ADDED;
            case 'D' -> AddOutcome.DUPLICATE;
            case 'R' -> AddOutcome.REPLACED;
            default -> AddOutcome.valueOf(new String(name, StandardCharsets.US_ASCII));
        };
    }

    @Override
    public CompletableFuture<Completion> complete(
            String queue, List<Finished> finished, String token, int leaseMax, long leaseMs, int maxStalls) {
        QueueKeys keys = keys(queue);
        byte[][] args = new byte[6 + finished.size() * FIELDS_PER_FINISHED][];
        args[0] = keys.prefixBytes();
        args[1] = bytes(token);
        args[2] = bytes(leaseMs);
        args[3] = bytes(leaseMax);
        args[4] = bytes(maxStalls);
        args[5] = bytes(finished.size());
        int a = 6;
        for (Finished job : finished) {
            byte[] result = job.result();
            args[a++] = bytes(job.id());
            args[a++] = bytes(job.token());
            args[a++] = result == null ? ZERO : ONE;
            args[a++] = result == null ? EMPTY : result;
        }
        try {
            return RedisPlumbing.of(redis)
                    .scripts()
                    .runAsync(COMPLETE, ScriptOutput.MULTI, keys.keys(), args)
                    .thenApply(reply -> completion(reply, token));
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Completion completion(List<Object> reply, String token) {
        int lostCount = (int) number(reply.get(2));
        List<String> lost = lostCount == 0 ? List.of() : new ArrayList<>(lostCount);
        for (int i = 0; i < lostCount; i++) {
            lost.add(text(reply.get(3 + i)));
        }
        LeaseBatch next =
                new LeaseBatch(leased(reply, 3 + lostCount, token), number(reply.get(0)), number(reply.get(1)) == 1);
        return new Completion(lost, next);
    }

    private static List<LeasedJob> leased(List<Object> reply, int from, String token) {
        int count = (reply.size() - from) / FIELDS_PER_LEASE;
        if (count == 0) {
            return List.of();
        }
        List<LeasedJob> jobs = new ArrayList<>(count);
        for (int i = from; i + FIELDS_PER_LEASE <= reply.size(); i += FIELDS_PER_LEASE) {
            String options = text(reply.get(i + 3));
            jobs.add(new LeasedJob(
                    text(reply.get(i)),
                    token,
                    (byte[]) reply.get(i + 1),
                    (int) number(reply.get(i + 2)),
                    PackedOptions.maxAttempts(options),
                    PackedOptions.backoff(options)));
        }
        return jobs;
    }

    @Override
    public FailOutcome fail(
            String queue,
            String id,
            String token,
            String error,
            boolean permanent,
            long retryDelayMs,
            long deadCount,
            long deadAgeMs) {
        QueueKeys keys = keys(queue);
        long outcome = RedisPlumbing.of(redis)
                .scripts()
                .run(
                        FAIL,
                        ScriptOutput.INTEGER,
                        keys.keys(),
                        keys.prefixBytes(),
                        bytes(id),
                        bytes(token),
                        bytes(error),
                        bytes(permanent ? "1" : "0"),
                        bytes(retryDelayMs),
                        bytes(deadCount),
                        bytes(deadAgeMs));
        return switch ((int) outcome) {
            case 1 -> FailOutcome.RETRYING;
            case 2 -> FailOutcome.FAILED;
            case 3 -> FailOutcome.DEAD;
            default -> FailOutcome.LEASE_LOST;
        };
    }

    @Override
    public Set<String> extend(String queue, Map<String, String> tokensById, long leaseMs) {
        QueueKeys keys = keys(queue);
        List<byte[]> args = new ArrayList<>(2 + tokensById.size() * 2);
        args.add(keys.prefixBytes());
        args.add(bytes(leaseMs));
        tokensById.forEach((id, token) -> {
            args.add(bytes(id));
            args.add(bytes(token));
        });
        List<Object> lost = RedisPlumbing.of(redis)
                .scripts()
                .run(EXTEND, ScriptOutput.MULTI, keys.keys(), args.toArray(byte[][]::new));
        Set<String> ids = new LinkedHashSet<>();
        lost.forEach(id -> ids.add(text(id)));
        return ids;
    }

    @Override
    public boolean progress(String queue, String id, String token, int percent) {
        String prefix = keys(queue).prefix();
        byte[][] key = {bytes(prefix + "job:" + id)};
        return RedisPlumbing.of(redis)
                        .scripts()
                        .run(
                                PROGRESS,
                                ScriptOutput.INTEGER,
                                key,
                                bytes(prefix),
                                bytes(id),
                                bytes(percent),
                                bytes(token))
                == 1;
    }

    @Override
    public Optional<StatusRecord> status(String queue, String id) {
        String prefix = keys(queue).prefix();
        byte[][] key = {bytes(prefix + "job:" + id)};
        List<Object> f =
                RedisPlumbing.of(redis).scripts().run(STATUS, ScriptOutput.MULTI, key, bytes(prefix), bytes(id));
        if (f.isEmpty() || f.get(0) == null) {
            return Optional.empty();
        }
        Object error = f.get(6);
        return Optional.of(new StatusRecord(
                JobState.valueOf(text(f.get(0)).toUpperCase(Locale.ROOT)),
                (int) number(f.get(1)),
                (int) number(f.get(2)),
                PackedOptions.maxAttempts(text(f.get(3))),
                (int) number(f.get(4)),
                (byte[]) f.get(5),
                error == null ? null : text(error),
                number(f.get(7)),
                number(f.get(8))));
    }

    @Override
    public QueueCounts counts(String queue) {
        QueueKeys keys = keys(queue);
        List<Object> c =
                RedisPlumbing.of(redis).scripts().run(COUNTS, ScriptOutput.MULTI, keys.keys(), keys.prefixBytes());
        return new QueueCounts(
                number(c.get(0)),
                number(c.get(1)),
                number(c.get(2)),
                number(c.get(3)),
                number(c.get(4)),
                number(c.get(5)));
    }

    @Override
    public boolean redrive(String queue, String id) {
        QueueKeys keys = keys(queue);
        return RedisPlumbing.of(redis)
                        .scripts()
                        .run(REDRIVE, ScriptOutput.INTEGER, keys.keys(), keys.prefixBytes(), bytes(id))
                == 1;
    }

    @Override
    public AutoCloseable subscribe(String queue, Runnable onWake) {
        String channel = prefix(queue) + "wake";
        List<Runnable> listeners = wakers.computeIfAbsent(channel, c -> new CopyOnWriteArrayList<>());
        listeners.add(onWake);
        StatefulRedisPubSubConnection<byte[], byte[]> connection = pubSub();
        if (connection != null) {
            try {
                // Waited for, so that jobs added once the worker exists wake it.
                connection.sync().subscribe(bytes(channel));
            } catch (RuntimeException e) {
                LOG.debug("cannot subscribe to {}; workers poll: {}", channel, e.toString());
            }
        }
        return () -> listeners.remove(onWake);
    }

    private @Nullable StatefulRedisPubSubConnection<byte[], byte[]> pubSub() {
        pubSubLock.lock();
        try {
            if (pubSub == null && !pubSubUnavailable) {
                try {
                    StatefulRedisPubSubConnection<byte[], byte[]> opened =
                            RedisPlumbing.of(redis).connectPubSub();
                    opened.addListener(new RedisPubSubAdapter<>() {
                        @Override
                        public void message(byte[] channel, byte[] message) {
                            List<Runnable> listeners = wakers.get(new String(channel, StandardCharsets.UTF_8));
                            if (listeners != null) {
                                listeners.forEach(Runnable::run);
                            }
                        }
                    });
                    pubSub = opened;
                } catch (RuntimeException e) {
                    pubSubUnavailable = true;
                    LOG.debug("no pub/sub connection for job wake-ups; workers poll: {}", e.toString());
                }
            }
            return pubSub;
        } finally {
            pubSubLock.unlock();
        }
    }

    @Override
    public boolean mayHaveApplied(RuntimeException failure) {
        return failure instanceof io.lettuce.core.RedisCommandTimeoutException;
    }

    @Override
    public void close() {
        pubSubLock.lock();
        try {
            if (pubSub != null) {
                pubSub.close();
                pubSub = null;
            }
        } finally {
            pubSubLock.unlock();
        }
    }
}
