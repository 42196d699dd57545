package dev.headroom.jobs.drills;

import dev.headroom.core.codec.Codec;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisKeys;
import dev.headroom.core.redis.RedisSettings;
import dev.headroom.core.redis.internal.RedisPlumbing;
import dev.headroom.jobs.JobQueue;
import dev.headroom.jobs.JobQueueConfig;
import dev.headroom.jobs.WorkerOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A worker JVM for {@link KillWorkerDrillIT}: takes jobs of one queue until it is killed, recording
 * every execution in Redis ({@code HINCRBY <runs key> <job id> 1}) before the job completes.
 *
 * <p>Arguments: Redis URL, queue name, concurrency, visibility timeout in milliseconds.
 */
public final class DrillWorkerMain {

    private DrillWorkerMain() {}

    public static void main(String[] args) throws InterruptedException {
        String url = args[0];
        String queue = args[1];
        int concurrency = Integer.parseInt(args[2]);
        Duration visibility = Duration.ofMillis(Long.parseLong(args[3]));
        RedisSettings settings =
                RedisSettings.builder().commandTimeout(Duration.ofSeconds(2)).build();
        HeadroomRedis redis = HeadroomRedis.connect(url, settings);
        byte[] runs = runsKey(queue);
        JobQueue<String, String> jobs = JobQueue.builder(queue, Codec.string(), Codec.string())
                .redis(redis)
                .config(JobQueueConfig.builder().visibilityTimeout(visibility).build())
                .build();
        jobs.worker(WorkerOptions.ofConcurrency(concurrency), job -> {
            RedisPlumbing.of(redis).sync().hincrby(runs, job.id().getBytes(StandardCharsets.UTF_8), 1);
            return null;
        });
        new CountDownLatch(1).await(); // until killed
    }

    static byte[] runsKey(String queue) {
        return RedisKeys.bytes(RedisKeys.tagged(queue, "drill-runs"));
    }
}
