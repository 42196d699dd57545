package dev.headroom.core.redis.internal;

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
                .hasMessage("no script resource 'absent.lua' next to dev.headroom.core.redis.internal.RedisScriptTest");
    }

    @Test
    void rejectsBlankSources() {
        assertThatThrownBy(() -> RedisScript.of("empty.lua", " \n"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("script 'empty.lua' has a blank source");
    }

    @Test
    void includesAreResolvedAtLoadTimeOncePerScriptAndTheDigestCoversTheFullText() {
        RedisScript script = RedisScript.fromResource(RedisScriptTest.class, "uses-lib.lua");
        String expected = "-- shared helpers\nlocal function twice(n)\n  return n * 2\nend\n"
                + "local function base() return 1 end\n"
                + "\n" // base.lua's second include is dropped: each file is included once per script
                + "return twice(tonumber(ARGV[1])) + base()\n";

        assertThat(new String(script.body(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(expected);
        assertThat(script.sha1()).isEqualTo(RedisScript.of("expanded", expected).sha1());
    }

    @Test
    void aChangedIncludeChangesTheDigest() {
        String source = "--@include lib.lua\nreturn f()";
        RedisScript first = RedisScript.of(
                "s.lua", source, ScriptIncludes.of(java.util.Map.of("lib.lua", "local function f() return 1 end")));
        RedisScript second = RedisScript.of(
                "s.lua", source, ScriptIncludes.of(java.util.Map.of("lib.lua", "local function f() return 2 end")));

        assertThat(first.sha1()).isNotEqualTo(second.sha1());
        assertThat(new String(first.body(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("local function f() return 1 end\nreturn f()");
    }

    @Test
    void anIncludeCycleIsRefusedNamingTheChain() {
        assertThatThrownBy(() -> RedisScript.fromResource(RedisScriptTest.class, "cycle-a.lua"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("script includes form a cycle: cycle-a.lua -> cycle-b.lua -> cycle-a.lua");
    }

    @Test
    void aMissingIncludeNamesTheIncludingScript() {
        assertThatThrownBy(() -> RedisScript.of(
                        "s.lua",
                        "--@include absent.lua\nreturn 1",
                        ScriptIncludes.resourcesNextTo(RedisScriptTest.class)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("script 's.lua' includes 'absent.lua': no script resource 'absent.lua' next to "
                        + RedisScriptTest.class.getName());
    }

    @Test
    void aScriptMadeWithoutIncludesRefusesAnIncludeLine() {
        assertThatThrownBy(() -> RedisScript.of("s.lua", "--@include lib.lua\nreturn 1"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("script 's.lua' includes 'lib.lua': no includes were given to resolve 'lib.lua'");
    }

    @Test
    void aBlankIncludeIsRefused() {
        assertThatThrownBy(() -> RedisScript.of(
                        "s.lua",
                        "--@include empty.lua\nreturn 1",
                        ScriptIncludes.of(java.util.Map.of("empty.lua", " \n"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("script 's.lua' includes 'empty.lua', which is blank");
    }

    @Test
    void linesThatOnlyMentionIncludeAreLeftAlone() {
        String source = "local s = '--@include lib.lua'\n-- see @include rules\nreturn s";

        assertThat(new String(RedisScript.of("s.lua", source).body(), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo(source);
    }
}
