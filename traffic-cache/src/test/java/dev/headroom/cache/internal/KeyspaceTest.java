package dev.headroom.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyspaceTest {

    private final Keyspace keyspace = new Keyspace("orders");

    @Test
    void aValueAndItsLeaseShareAHashTagOfTheKeysHash() {
        String value = text(keyspace.value("user:{42}", 3));
        String lease = text(keyspace.lease("user:{42}", 3));

        assertThat(value).matches("hr:\\{c:orders:[0-9a-f]{16}}:v3:user:\\{42}");
        assertThat(tag(value)).isEqualTo(tag(lease));
        assertThat(lease).contains("}:l3:user:{42}");
        assertThat(text(keyspace.value("user:{42}", 4))).isNotEqualTo(value);
        assertThat(tag(text(keyspace.value("user:43", 3)))).isNotEqualTo(tag(value));
        assertThat(text(keyspace.namespace())).isEqualTo("hr:{c:orders}:ns");
        assertThat(keyspace.channel()).isEqualTo("hr:c:orders:invalidate");
    }

    private static String tag(String key) {
        return key.substring(key.indexOf('{') + 1, key.indexOf('}'));
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
