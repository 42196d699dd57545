package dev.headroom.cache.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.headroom.core.codec.Codec;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ValueCodecTest {

    private final Counters counters = new Counters();
    private final ValueCodec<String> codec = new ValueCodec<>(Codec.string(), 64, counters);

    @Test
    void valuesAndAbsenceRoundTripWithTheirMetadata() {
        byte[] value = encode(codec, "hello", 1_234L, 567L);
        byte[] absent = encode(codec, Absent.INSTANCE, 89L, 10L);

        assertThat(codec.decode(value)).isEqualTo(new ValueCodec.Decoded("hello", 1_234L, 567L));
        assertThat(codec.decode(absent)).isEqualTo(new ValueCodec.Decoded(Absent.INSTANCE, 89L, 10L));
        assertThat(counters.decodeFailures.sum()).isZero();
    }

    @Test
    void largeValuesAreCompressed() {
        String large = "abc".repeat(1_000);

        byte[] encoded = encode(codec, large, 0, 0);

        assertThat(encoded.length).isLessThan(200);
        assertThat(codec.decode(encoded)).isEqualTo(new ValueCodec.Decoded(large, 0, 0));
    }

    @Test
    void bytesThatDoNotDecodeAreCountedNotThrown() {
        ValueCodec<String> failing = new ValueCodec<>(
                new Codec<>() {
                    @Override
                    public String id() {
                        return "string";
                    }

                    @Override
                    public byte[] encode(String value) {
                        throw new IllegalStateException("codec bug");
                    }

                    @Override
                    public String decode(byte[] bytes) {
                        throw new ClassCastException("codec bug");
                    }
                },
                64,
                counters);

        assertThat(codec.decode("plain text".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(codec.decode(new byte[0])).isNull();
        assertThat(failing.decode(encode(codec, "v", 0, 0))).isNull();
        assertThat(counters.decodeFailures.sum()).isEqualTo(3);
        assertThat(failing.encode("v", 0, 0)).isNull();
        assertThat(counters.encodeFailures.sum()).isEqualTo(1);
    }

    private static byte[] encode(ValueCodec<?> codec, Object value, long computedAt, long computeNanos) {
        byte[] bytes = codec.encode(value, computedAt, computeNanos);
        if (bytes == null) {
            throw new AssertionError("could not encode " + value);
        }
        return bytes;
    }
}
