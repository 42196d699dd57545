package dev.headroom.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class InvalidationMessageTest {

    @Test
    void roundTripsKeysWithAnyCharacter() {
        InvalidationMessage key = InvalidationMessage.ofKey("source-1", 7, "a|b|c:日本");
        InvalidationMessage namespace = InvalidationMessage.ofNamespace("source-2", 8);

        assertThat(InvalidationMessage.decode(key.encode())).isEqualTo(key);
        assertThat(InvalidationMessage.decode(namespace.encode())).isEqualTo(namespace);
        assertThat(new String(key.encode(), StandardCharsets.UTF_8)).isEqualTo("1|source-1|K|7|a|b|c:日本");
    }

    @Test
    void carriesKeysThatUtf8CannotUnchanged() {
        InvalidationMessage lone = InvalidationMessage.ofKey("source-1", 7, "user:\uD800:" + "\uDC00x");
        InvalidationMessage other = InvalidationMessage.ofKey("source-1", 7, "user:\uDBFF:" + "\uDC00x");

        assertThat(InvalidationMessage.decode(lone.encode())).isEqualTo(lone);
        assertThat(InvalidationMessage.decode(other.encode())).isEqualTo(other);
        assertThat(new String(lone.encode(), StandardCharsets.UTF_8)).startsWith("1|source-1|k|7|");
    }

    @Test
    void ignoresWhatItDoesNotUnderstand() {
        for (String text : new String[] {
            "", "garbage", "2|s|K|1|k", "1||K|1|k", "1|s|X|1|k", "1|s|K|x|k", "1|s|K|1|", "1|s|k|1|!", "1|s|k|1|AA"
        }) {
            assertThat(InvalidationMessage.decode(text.getBytes(StandardCharsets.UTF_8)))
                    .as(text)
                    .isNull();
        }
    }
}
