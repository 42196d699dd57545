package dev.headroom.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RedisKeysTest {

    @Test
    void buildsHashTaggedKeys() {
        assertThat(RedisKeys.tagged("user:42", "bucket")).isEqualTo("hr:{user:42}:bucket");
        assertThat(RedisKeys.tagged("queue", "")).isEqualTo("hr:{queue}");
    }

    @Test
    void acceptsKeysUpToTheLimit() {
        String longest = "k".repeat(RedisKeys.MAX_KEY_BYTES);

        assertThat(RedisKeys.requireValid("cache key", longest)).isSameAs(longest);
        assertThat(RedisKeys.requireValid("cache key", "dashboard:org-7")).isEqualTo("dashboard:org-7");
    }

    @Test
    void rejectsEmptyBlankAndOverLongKeysNamingTheRule() {
        assertThatThrownBy(() -> RedisKeys.requireValid("cache key", ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cache key must not be empty");
        assertThatThrownBy(() -> RedisKeys.requireValid("cache key", " \t"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cache key must not be blank: ' \t'");
        assertThatThrownBy(() -> RedisKeys.requireValid("limiter key", "x".repeat(1025)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("limiter key must be at most 1024 bytes in UTF-8, was 1025: '" + "x".repeat(40) + "…'");
    }

    @Test
    void countsTheLimitInUtf8Bytes() {
        String threeBytesEach = "€".repeat(342);

        assertThatThrownBy(() -> RedisKeys.requireValid("cache key", threeBytesEach))
                .hasMessageStartingWith("cache key must be at most 1024 bytes in UTF-8, was 1026");
    }

    @Test
    void rejectsBracesInTags() {
        assertThatThrownBy(() -> RedisKeys.tagged("a}b", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hash tag must not contain '{' or '}': 'a}b'");
        assertThatThrownBy(() -> RedisKeys.tagged(" ", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("hash tag must not be blank: ' '");
    }
}
