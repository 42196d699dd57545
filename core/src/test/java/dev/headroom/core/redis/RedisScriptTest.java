package dev.headroom.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedisScriptTest {

    @Test
    void digestMatchesWhatRedisComputes() {
        // SCRIPT LOAD "return 1" answers this digest on every Redis version.
        assertThat(RedisScript.of("one", "return 1").sha1()).isEqualTo("e0e1f9fabfc9d4800c877a703b823ac0578ff8db");
    }

    @Test
    void loadsFromAResourceNextToAClass() {
        RedisScript script = RedisScript.fromResource(RedisScriptTest.class, "echo-first-key.lua");

        assertThat(script.name()).isEqualTo("echo-first-key.lua");
        assertThat(new String(script.body(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("KEYS[1]");
    }

    @Test
    void namesAMissingResource() {
        assertThatThrownBy(() -> RedisScript.fromResource(RedisScriptTest.class, "absent.lua"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no script resource 'absent.lua' next to dev.headroom.core.redis.RedisScriptTest");
    }

    @Test
    void rejectsBlankSources() {
        assertThatThrownBy(() -> RedisScript.of("empty.lua", " \n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("script 'empty.lua' has a blank source");
    }
}
