package dev.headroom.jobs.drills;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.breaker.CircuitBreaker;
import dev.headroom.breaker.CircuitBreakerConfig;
import dev.headroom.core.codec.Codec;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisSettings;
import dev.headroom.jobs.JobOptions;
import dev.headroom.jobs.JobQueue;
import dev.headroom.jobs.JobQueueConfig;
import dev.headroom.jobs.JobQueueException;
import dev.headroom.jobs.JobState;
import dev.headroom.jobs.Retention;
import dev.headroom.jobs.WorkerOptions;
import dev.headroom.testsupport.Await;
import dev.headroom.testsupport.RedisProcess;
import dev.headroom.testsupport.RedisServers;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Drill: Redis, persisting every write (AOF, fsync always), is killed and restarted while jobs are
 * being added and worked. Every add the caller saw acknowledged completes; adds during the outage
 * fail with {@link JobQueueException} (the caller saw that), and succeed when retried.
 */
class RedisRestartDrillIT {

    private static final int JOBS = 1_500;

    @Test
    void noAcknowledgedJobIsLostWhenRedisRestarts() {
        RedisSettings settings =
                RedisSettings.builder().commandTimeout(Duration.ofSeconds(1)).build();
        String queue = "restart-drill";
        try (RedisProcess server = RedisServers.startPersistent();
                HeadroomRedis redis = HeadroomRedis.connect(server.uri(), settings);
                JobQueue<String, String> jobs = JobQueue.builder(queue, Codec.string(), Codec.string())
                        .redis(redis)
                        .config(JobQueueConfig.builder()
                                .visibilityTimeout(Duration.ofSeconds(2))
                                .pollInterval(Duration.ofMillis(200))
                                .build())
                        .breaker(CircuitBreaker.of(
                                "drill",
                                CircuitBreakerConfig.ofDefaults().toBuilder()
                                        .minimumCalls(5)
                                        .openDuration(Duration.ofMillis(200))
                                        .build()))
                        .build()) {
            Map<String, Integer> runs = new ConcurrentHashMap<>();
            jobs.worker(WorkerOptions.ofConcurrency(8), job -> {
                runs.merge(job.id(), 1, Integer::sum);
                return null;
            });
            AtomicInteger failedAdds = new AtomicInteger();
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < JOBS; i++) {
                if (i == JOBS / 3) {
                    server.kill();
                    server.start();
                }
                String id = "job-" + i;
                JobOptions options = JobOptions.builder()
                        .jobId(id)
                        .keepCompleted(Retention.keep(10 * JOBS, Duration.ofHours(1)))
                        .build();
                Await.until("job " + id + " is added", () -> {
                    try {
                        jobs.add("payload " + id, options);
                        acknowledged.add(id);
                        return true;
                    } catch (JobQueueException e) {
                        failedAdds.incrementAndGet();
                        return false;
                    }
                });
            }

            Await.until("every acknowledged job completed", () -> {
                try {
                    return jobs.counts().completed() == JOBS;
                } catch (JobQueueException e) {
                    return false;
                }
            });
            assertThat(acknowledged).hasSize(JOBS);
            for (String id : acknowledged) {
                assertThat(jobs.status(id).orElseThrow().state()).isEqualTo(JobState.COMPLETED);
                assertThat(runs).containsKey(id);
            }
            assertThat(failedAdds.get()).as("the caller saw the outage").isPositive();
        }
    }
}
