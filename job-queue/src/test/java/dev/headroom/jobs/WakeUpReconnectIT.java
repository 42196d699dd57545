package dev.headroom.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.ManualScheduler;
import dev.headroom.core.codec.Codec;
import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.internal.RedisPlumbing;
import dev.headroom.jobs.internal.durable.TestQueues;
import dev.headroom.testsupport.Await;
import dev.headroom.testsupport.RedisExtension;
import dev.headroom.testsupport.TestRedis;
import io.lettuce.core.KillArgs;
import io.lettuce.core.cluster.api.sync.RedisClusterCommands;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A worker's wake-up subscription survives the loss of its connection: once it is back, the worker
 * looks for work at once, so a job added while it was down runs without the worker waiting out its
 * poll interval (an hour here, on a manual clock that moves only a few milliseconds per poll of the
 * test).
 */
@ExtendWith(RedisExtension.class)
class WakeUpReconnectIT {

    private static final Duration POLL = Duration.ofHours(1);

    private final ManualScheduler scheduler = new ManualScheduler();

    @Test
    void aJobAddedWhileTheSubscriptionWasDownRunsOnceItIsBack(TestRedis server) {
        try (HeadroomRedis redis = HeadroomRedis.connect(server.uri(), RedisJobQueueContract.TEST_SETTINGS);
                HeadroomRedis admin = HeadroomRedis.connect(server.uri(), RedisJobQueueContract.TEST_SETTINGS);
                JobQueue<String, String> jobs = TestQueues.onRedisWithClock(
                        TestRedis.uniquePrefix("wake"),
                        Codec.string(),
                        Codec.string(),
                        redis,
                        JobQueueConfig.builder().pollInterval(POLL).build(),
                        scheduler)) {
            List<String> seen = new CopyOnWriteArrayList<>();
            jobs.worker(WorkerOptions.ofDefaults(), job -> {
                seen.add(job.payload());
                return null;
            });
            jobs.add("before");
            awaitSeen(seen, "before");
            long start = scheduler.ticker().nanoTime();

            RedisClusterCommands<byte[], byte[]> commands =
                    RedisPlumbing.of(admin).sync();
            String maxClients = commands.configGet("maxclients").get("maxclients");
            // Refuses new connections, so that no client reconnects before the job below is added.
            commands.configSet("maxclients", Long.toString(connectedClients(commands) - 1));
            try {
                assertThat(commands.clientKill(KillArgs.Builder.typePubsub()))
                        .as("pub/sub connections killed")
                        .isPositive();
                jobs.add("while the subscription was down"); // its announcement reaches no one
            } finally {
                commands.configSet(Map.of("maxclients", maxClients));
            }

            awaitSeen(seen, "while the subscription was down");
            assertThat(Duration.ofNanos(scheduler.ticker().nanoTime() - start)).isLessThan(POLL);
        }
    }

    /** Waits for the worker to run a job, moving the manual clock 5 ms per poll. */
    private void awaitSeen(List<String> seen, String payload) {
        Await.until("the worker ran '" + payload + "'", () -> {
            scheduler.advance(Duration.ofMillis(5));
            return seen.contains(payload);
        });
    }

    private static long connectedClients(RedisClusterCommands<byte[], byte[]> commands) {
        return commands.info("clients")
                .lines()
                .filter(line -> line.startsWith("connected_clients:"))
                .mapToLong(line -> Long.parseLong(
                        line.substring("connected_clients:".length()).trim()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("INFO clients has no connected_clients"));
    }
}
