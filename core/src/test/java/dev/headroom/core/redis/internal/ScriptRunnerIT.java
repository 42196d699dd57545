package dev.headroom.core.redis.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.core.redis.HeadroomRedis;
import dev.headroom.core.redis.RedisKeys;
import dev.headroom.testsupport.RedisExtension;
import dev.headroom.testsupport.RedisProcess;
import dev.headroom.testsupport.RedisServers;
import dev.headroom.testsupport.TestRedis;
import io.lettuce.core.RedisCommandExecutionException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class ScriptRunnerIT {

    private static final RedisScript INCREMENT_BY =
            RedisScript.of("increment-by.lua", "return redis.call('INCRBY', KEYS[1], ARGV[1])");
    private static final RedisScript GET = RedisScript.of("get.lua", "return redis.call('GET', KEYS[1])");
    private static final RedisScript ECHO = RedisScript.fromResource(ScriptRunnerIT.class, "echo-first-key.lua");

    @Test
    void runsScriptsSyncAndAsyncWithTypedReplies(TestRedis redis) {
        String key = RedisKeys.tagged(TestRedis.uniquePrefix("counter"), "n");
        try (HeadroomRedis handle = HeadroomRedis.connect(redis.uri())) {
            ScriptRunner scripts = RedisPlumbing.of(handle).scripts();

            long first = scripts.run(INCREMENT_BY, ScriptOutput.INTEGER, keys(key), bytes("5"));
            long second = scripts.runAsync(INCREMENT_BY, ScriptOutput.INTEGER, keys(key), bytes("2"))
                    .join();
            List<Object> echoed = scripts.run(ECHO, ScriptOutput.MULTI, keys(key), bytes("argument"));

            assertThat(first).isEqualTo(5);
            assertThat(second).isEqualTo(7);
            assertThat(echoed)
                    .satisfiesExactly(
                            k -> assertThat((byte[]) k).asString().isEqualTo(key),
                            a -> assertThat((byte[]) a).asString().isEqualTo("argument"));
        }
    }

    @Test
    void nilBecomesEmpty(TestRedis redis) {
        try (HeadroomRedis handle = HeadroomRedis.connect(redis.uri())) {
            byte[][] absent = keys(TestRedis.uniquePrefix("absent"));

            assertThat(RedisPlumbing.of(handle).scripts().run(GET, ScriptOutput.VALUE, absent))
                    .isEmpty();
            assertThat(RedisPlumbing.of(handle)
                            .scripts()
                            .runAsync(GET, ScriptOutput.VALUE, absent)
                            .join())
                    .isEmpty();
        }
    }

    @Test
    void sendsTheSourceOnlyWhenTheServerLacksTheScript() {
        try (RedisProcess server = RedisServers.startStandalone();
                HeadroomRedis handle = HeadroomRedis.connect(server.uri())) {
            byte[][] key = keys("loaded-once");

            for (int i = 0; i < 5; i++) {
                RedisPlumbing.of(handle).scripts().run(INCREMENT_BY, ScriptOutput.INTEGER, key, bytes("1"));
            }
            assertThat(calls(handle, "eval")).isEqualTo(1);

            RedisPlumbing.of(handle).sync().scriptFlush();
            RedisPlumbing.of(handle)
                    .scripts()
                    .runAsync(INCREMENT_BY, ScriptOutput.INTEGER, key, bytes("1"))
                    .join();
            RedisPlumbing.of(handle).scripts().run(INCREMENT_BY, ScriptOutput.INTEGER, key, bytes("1"));

            assertThat(calls(handle, "eval")).isEqualTo(2);
            assertThat(RedisPlumbing.of(handle).sync().get(key[0]))
                    .asString(StandardCharsets.UTF_8)
                    .isEqualTo("7");
        }
    }

    @Test
    void scriptErrorsReachTheCaller(TestRedis redis) {
        String key = TestRedis.uniquePrefix("not-a-number");
        try (HeadroomRedis handle = HeadroomRedis.connect(redis.uri())) {
            RedisPlumbing.of(handle).sync().set(bytes(key), bytes("text"));

            assertThatThrownBy(() -> RedisPlumbing.of(handle)
                            .scripts()
                            .run(INCREMENT_BY, ScriptOutput.INTEGER, keys(key), bytes("1")))
                    .isInstanceOf(RedisCommandExecutionException.class)
                    .hasMessageContaining("not an integer");
            assertThatThrownBy(() -> RedisPlumbing.of(handle)
                            .scripts()
                            .runAsync(INCREMENT_BY, ScriptOutput.INTEGER, keys(key), bytes("1"))
                            .join())
                    .isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(RedisCommandExecutionException.class);
        }
    }

    /** How many times the server ran {@code command}, from INFO commandstats. */
    static long calls(HeadroomRedis handle, String command) {
        String stats = RedisPlumbing.of(handle).sync().info("commandstats");
        Matcher matcher =
                Pattern.compile("cmdstat_" + command + ":calls=(\\d+)").matcher(stats);
        return matcher.find() ? Long.parseLong(matcher.group(1)) : 0;
    }

    static byte[][] keys(String... keys) {
        byte[][] bytes = new byte[keys.length][];
        for (int i = 0; i < keys.length; i++) {
            bytes[i] = RedisKeys.bytes(keys[i]);
        }
        return bytes;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
