package dev.headroom.core.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.Test;

class RedisUrlsTest {

    private final RedisSettings settings = RedisSettings.ofDefaults();

    @Test
    void parsesHostPortPasswordAndDatabase() {
        RedisURI uri = RedisUrls.parse("redis://app:s3cret@cache.internal:6380/3", settings);

        assertThat(uri.getHost()).isEqualTo("cache.internal");
        assertThat(uri.getPort()).isEqualTo(6380);
        assertThat(uri.getDatabase()).isEqualTo(3);
        RedisCredentials credentials = credentials(uri);
        assertThat(credentials.getUsername()).isEqualTo("app");
        assertThat(credentials.getPassword()).containsExactly("s3cret".toCharArray());
        assertThat(uri.isSsl()).isFalse();
        assertThat(uri.getTimeout()).isEqualTo(RedisSettings.DEFAULT_CONNECT_TIMEOUT);
    }

    @Test
    void rendersTlsForRediss() {
        RedisURI uri = RedisUrls.parse("rediss://:pw@secure.example:6390", settings);

        assertThat(uri.isSsl()).isTrue();
        assertThat(uri.getPort()).isEqualTo(6390);
        RedisCredentials credentials = credentials(uri);
        assertThat(credentials.getPassword()).containsExactly("pw".toCharArray());
    }

    @Test
    void rejectsOtherSchemesWithoutShowingThePassword() {
        assertThatThrownBy(() -> RedisUrls.parse("http://admin:hunter2@host:6379", settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Redis URL must start with redis:// or rediss://: 'http://admin:***@host:6379'")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void rejectsBlankUrls() {
        assertThatThrownBy(() -> RedisUrls.parse("  ", settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Redis URL must not be blank: '  '");
    }

    @Test
    void rejectsMalformedUrlsWithoutShowingThePassword() {
        assertThatThrownBy(() -> RedisUrls.parse("redis://:hunter2@host:notaport", settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Redis URL is malformed: 'redis://:***@host:notaport'")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void redactsOnlyThePassword() {
        assertThat(RedisUrls.redact("redis://user:pw@h:1/0")).isEqualTo("redis://user:***@h:1/0");
        assertThat(RedisUrls.redact("redis://pw@h:1")).isEqualTo("redis://***@h:1");
        assertThat(RedisUrls.redact("redis://h:1")).isEqualTo("redis://h:1");
    }

    private static RedisCredentials credentials(RedisURI uri) {
        return uri.getCredentialsProvider().resolveCredentials().toFuture().join();
    }
}
