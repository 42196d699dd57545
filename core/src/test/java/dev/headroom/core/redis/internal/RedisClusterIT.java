package dev.headroom.core.redis.internal;

import static dev.headroom.core.redis.internal.ScriptRunnerIT.bytes;
import static dev.headroom.core.redis.internal.ScriptRunnerIT.keys;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisKeys;
import dev.headroom.core.redis.RedisSettings;
import dev.headroom.testsupport.RedisExtension;
import dev.headroom.testsupport.TestRedis;
import dev.headroom.testsupport.TestRedisCluster;
import io.lettuce.core.RedisCommandExecutionException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class RedisClusterIT {

    private static final RedisScript MOVE = RedisScript.of(
            "move.lua",
            "redis.call('SET', KEYS[1], ARGV[1]); redis.call('SET', KEYS[2], ARGV[1]);"
                    + " return redis.call('INCR', KEYS[2])");

    @Test
    void formsAClusterOfAtLeastThreeMasters(TestRedisCluster cluster) {
        try (HeadroomRedis handle = HeadroomRedis.connectCluster(cluster.nodeUris(), RedisSettings.ofDefaults())) {
            String nodes = new String(
                    RedisPlumbing.of(handle).sync().clusterNodes().getBytes(java.nio.charset.StandardCharsets.UTF_8),
                    java.nio.charset.StandardCharsets.UTF_8);

            assertThat(handle.isCluster()).isTrue();
            assertThat(nodes.lines().filter(line -> line.contains("master"))).hasSizeGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void runsMultiKeyScriptsOnEveryNodeWhenKeysShareATag(TestRedisCluster cluster) {
        try (HeadroomRedis handle = HeadroomRedis.connectCluster(cluster.nodeUris(), RedisSettings.ofDefaults())) {
            Set<String> nodesUsed = new HashSet<>();
            List<CompletableFuture<Long>> asyncReplies = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                String tag = TestRedis.uniquePrefix("tag" + i);
                byte[][] pair = keys(RedisKeys.tagged(tag, "a"), RedisKeys.tagged(tag, "b"));

                assertThat(RedisPlumbing.of(handle).scripts().run(MOVE, ScriptOutput.INTEGER, pair, bytes("10")))
                        .isEqualTo(11);
                asyncReplies.add(
                        RedisPlumbing.of(handle).scripts().runAsync(MOVE, ScriptOutput.INTEGER, pair, bytes("20")));
                nodesUsed.add(nodeOf(handle, pair[0]));
            }

            assertThat(asyncReplies)
                    .allSatisfy(reply -> assertThat(reply.join()).isEqualTo(21));
            assertThat(nodesUsed).hasSizeGreaterThanOrEqualTo(3);
        }
    }

    @Test
    void refusesKeysOfDifferentTagsInOneScript(TestRedisCluster cluster) {
        try (HeadroomRedis handle = HeadroomRedis.connectCluster(cluster.nodeUris(), RedisSettings.ofDefaults())) {
            byte[][] split = crossSlotPair(handle);

            assertThatThrownBy(
                            () -> RedisPlumbing.of(handle).scripts().run(MOVE, ScriptOutput.INTEGER, split, bytes("1")))
                    .isInstanceOf(RedisCommandExecutionException.class);
        }
    }

    @Test
    void reloadsScriptsAfterAFlushOnEveryNode(TestRedisCluster cluster) {
        try (HeadroomRedis handle = HeadroomRedis.connectCluster(cluster.nodeUris(), RedisSettings.ofDefaults())) {
            String tag = TestRedis.uniquePrefix("flush");
            byte[][] pair = keys(RedisKeys.tagged(tag, "a"), RedisKeys.tagged(tag, "b"));
            RedisPlumbing.of(handle).scripts().run(MOVE, ScriptOutput.INTEGER, pair, bytes("1"));

            RedisPlumbing.of(handle).sync().scriptFlush();

            assertThat(RedisPlumbing.of(handle).scripts().run(MOVE, ScriptOutput.INTEGER, pair, bytes("1")))
                    .isEqualTo(2);
            RedisPlumbing.of(handle).sync().scriptFlush();
            assertThat(RedisPlumbing.of(handle)
                            .scripts()
                            .runAsync(MOVE, ScriptOutput.INTEGER, pair, bytes("4"))
                            .join())
                    .isEqualTo(5);
        }
    }

    @Test
    void readsSeveralUrlsFromTheEnvironmentAsACluster(TestRedisCluster cluster) {
        String urls = String.join(",", cluster.nodeUris());

        try (HeadroomRedis handle = HeadroomRedis.fromEnvironment(Map.of("REDIS_URL", urls), RedisSettings.ofDefaults())
                .orElseThrow()) {
            assertThat(handle.isCluster()).isTrue();
            assertThat(RedisPlumbing.of(handle).sync().ping()).isEqualTo("PONG");
        }
    }

    private static String nodeOf(HeadroomRedis handle, byte[] key) {
        int slot = Math.toIntExact(RedisPlumbing.of(handle).sync().clusterKeyslot(key));
        return RedisPlumbing.of(handle).sync().clusterSlots().stream()
                .map(List.class::cast)
                .filter(range -> ((Long) range.get(0)) <= slot && slot <= ((Long) range.get(1)))
                .map(range -> String.valueOf(((List<?>) range.get(2)).get(1)))
                .findFirst()
                .orElseThrow();
    }

    private static byte[][] crossSlotPair(HeadroomRedis handle) {
        for (int i = 0; ; i++) {
            byte[][] pair = keys(RedisKeys.tagged("left" + i, "a"), RedisKeys.tagged("right" + i, "b"));
            if (!RedisPlumbing.of(handle)
                    .sync()
                    .clusterKeyslot(pair[0])
                    .equals(RedisPlumbing.of(handle).sync().clusterKeyslot(pair[1]))) {
                return pair;
            }
        }
    }
}
