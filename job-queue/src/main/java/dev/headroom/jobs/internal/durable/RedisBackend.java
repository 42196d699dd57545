package dev.headroom.jobs.internal.durable;

import dev.headroom.core.Scheduler;
import dev.headroom.core.Ticker;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisKeys;
import dev.headroom.core.redis.internal.RedisPlumbing;
import dev.headroom.core.redis.internal.RedisScript;
import dev.headroom.core.redis.internal.ScriptOutput;
import dev.headroom.core.redis.internal.ScriptRunner;
import dev.headroom.jobs.AddOutcome;
import dev.headroom.jobs.AddResult;
import dev.headroom.jobs.JobQueueConfig;
import dev.headroom.jobs.JobState;
import dev.headroom.jobs.QueueCounts;
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
import java.util.concurrent.Executor;
import org.jspecify.annotations.Nullable;

/**
 * One queue in Redis: each transition one script from {@code *.lua} in {@code
 * dev/headroom/jobs/internal/redis/}, whose shared helpers ({@code lib.lua}, {@code lifecycle.lua})
 * come in through {@link RedisScript}'s includes. Idle workers are woken through pub/sub on {@code
 * hr:{queue}:wake} ({@link RedisWakeUps}), and poll as well.
 *
 * <p><b>Time.</b> The scripts read Redis {@code TIME}. Tests only may give a {@code testClock}:
 * its wall time is then sent as each timed script's last argument, so that a manual clock moves
 * job time on Redis as it does in memory. Keys still expire on Redis's own clock.
 */
final class RedisBackend implements Backend {

    private static final RedisScript ADD = script("add.lua");
    private static final RedisScript COMPLETE = script("complete.lua");
    private static final RedisScript FAIL = script("fail.lua");
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

    private final ScriptRunner scripts;
    private final RedisWakeUps wakeUps;
    private final @Nullable Ticker testClock;
    private final String prefix;
    private final byte[] prefixBytes;
    /** The keys every script declares, encoded once: scripts run per job. Never written after construction. */
    private final byte[][] keys;

    private final byte[] leaseMs;
    private final byte[] maxStalls;
    private final byte[] deadCount;
    private final byte[] deadAgeMs;

    /**
     * Creates the store of one queue.
     *
     * @param redis the connection
     * @param queue the queue's name, a valid hash tag
     * @param config the queue's lease length, stall limit and dead-letter retention
     * @param scheduler times the wake-up subscription's reconnects
     * @param executor runs its reconnect attempts
     * @param testClock for tests only: the scripts' time; null in production, where it is Redis TIME
     */
    RedisBackend(
            HeadroomRedis redis,
            String queue,
            JobQueueConfig config,
            Scheduler scheduler,
            Executor executor,
            @Nullable Ticker testClock) {
        this.scripts = RedisPlumbing.of(redis).scripts();
        this.testClock = testClock;
        this.prefix = prefix(queue);
        this.wakeUps = new RedisWakeUps(redis, prefix + "wake", scheduler, executor);
        this.prefixBytes = bytes(prefix);
        this.keys = new byte[][] {bytes(prefix + "waiting"), bytes(prefix + "delayed"), bytes(prefix + "active")};
        this.leaseMs = bytes(config.visibilityTimeout().toMillis());
        this.maxStalls = bytes(config.maxStalls());
        this.deadCount = bytes(config.deadLetterRetention().maxCount());
        this.deadAgeMs = bytes(config.deadLetterRetention().maxAge().toMillis());
    }

    /**
     * Reads a script or an included file. The resources are read here, from this module, since the
     * module does not open their package to core.
     */
    private static String source(String name) {
        try (InputStream in = RedisBackend.class.getResourceAsStream("/dev/headroom/jobs/internal/redis/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("missing script resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RedisScript script(String name) {
        return RedisScript.of(name, source(name), RedisBackend::source);
    }

    static String prefix(String queue) {
        return RedisKeys.tagged(queue, "") + ':';
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

    /** How many arguments the clock adds to a timed script's: one in tests, none in production. */
    private int clockArgs() {
        return testClock == null ? 0 : 1;
    }

    /** Puts the test clock's time last in {@code args}, if there is a test clock. */
    private byte[][] timed(byte[][] args) {
        Ticker clock = testClock;
        if (clock != null) {
            args[args.length - 1] = bytes(clock.wallMillis());
        }
        return args;
    }

    @Override
    public List<AddResult> add(List<NewJob> jobs) {
        byte[][] args = new byte[2 + jobs.size() * FIELDS_PER_JOB + clockArgs()][];
        args[0] = prefixBytes;
        args[1] = bytes(jobs.size());
        int a = 2;
        for (NewJob job : jobs) {
            String jobId = job.jobId();
            String debounceKey = job.debounceKey();
            args[a++] = job.payload();
            args[a++] = jobId == null ? EMPTY : bytes(jobId);
            args[a++] = PackedOptions.pack(job);
            args[a++] = bytes(job.priority());
            args[a++] = bytes(job.delayMs());
            args[a++] = debounceKey == null ? EMPTY : bytes(debounceKey);
            args[a++] = bytes(job.debounceWindowMs());
            args[a++] = bytes(job.debounceMaxWaitMs());
        }
        List<Object> reply = scripts.run(ADD, ScriptOutput.MULTI, keys, timed(args));
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
    public CompletableFuture<Completion> complete(List<Finished> finished, String token, int leaseMax) {
        byte[][] args = new byte[6 + finished.size() * FIELDS_PER_FINISHED + clockArgs()][];
        args[0] = prefixBytes;
        args[1] = bytes(token);
        args[2] = leaseMs;
        args[3] = bytes(leaseMax);
        args[4] = maxStalls;
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
            return scripts.runAsync(COMPLETE, ScriptOutput.MULTI, keys, timed(args))
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
    public FailOutcome fail(String id, String token, String error, boolean permanent, long retryDelayMs) {
        byte[][] args = new byte[8 + clockArgs()][];
        args[0] = prefixBytes;
        args[1] = bytes(id);
        args[2] = bytes(token);
        args[3] = bytes(error);
        args[4] = permanent ? ONE : ZERO;
        args[5] = bytes(retryDelayMs);
        args[6] = deadCount;
        args[7] = deadAgeMs;
        long outcome = scripts.run(FAIL, ScriptOutput.INTEGER, keys, timed(args));
        return switch ((int) outcome) {
            case 1 -> FailOutcome.RETRYING;
            case 2 -> FailOutcome.FAILED;
            case 3 -> FailOutcome.DEAD;
            default -> FailOutcome.LEASE_LOST;
        };
    }

    @Override
    public Set<String> extend(Map<String, String> tokensById) {
        byte[][] args = new byte[3 + tokensById.size() * 2 + clockArgs()][];
        args[0] = prefixBytes;
        args[1] = leaseMs;
        args[2] = bytes(tokensById.size());
        int a = 3;
        for (Map.Entry<String, String> lease : tokensById.entrySet()) {
            args[a++] = bytes(lease.getKey());
            args[a++] = bytes(lease.getValue());
        }
        List<Object> lost = scripts.run(EXTEND, ScriptOutput.MULTI, keys, timed(args));
        Set<String> ids = new LinkedHashSet<>();
        lost.forEach(id -> ids.add(text(id)));
        return ids;
    }

    @Override
    public boolean progress(String id, String token, int percent) {
        byte[][] key = {bytes(prefix + "job:" + id)};
        return scripts.run(PROGRESS, ScriptOutput.INTEGER, key, prefixBytes, bytes(id), bytes(percent), bytes(token))
                == 1;
    }

    @Override
    public Optional<StatusRecord> status(String id) {
        byte[][] key = {bytes(prefix + "job:" + id)};
        List<Object> f = scripts.run(STATUS, ScriptOutput.MULTI, key, prefixBytes, bytes(id));
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
    public QueueCounts counts() {
        List<Object> c = scripts.run(COUNTS, ScriptOutput.MULTI, keys, prefixBytes);
        return new QueueCounts(
                number(c.get(0)),
                number(c.get(1)),
                number(c.get(2)),
                number(c.get(3)),
                number(c.get(4)),
                number(c.get(5)));
    }

    @Override
    public boolean redrive(String id) {
        return scripts.run(REDRIVE, ScriptOutput.INTEGER, keys, prefixBytes, bytes(id)) == 1;
    }

    @Override
    public AutoCloseable subscribe(Runnable onWake) {
        return wakeUps.add(onWake);
    }

    @Override
    public boolean mayHaveApplied(RuntimeException failure) {
        return failure instanceof io.lettuce.core.RedisCommandTimeoutException;
    }

    @Override
    public void close() {
        wakeUps.close();
    }
}
