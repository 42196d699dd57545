package dev.headroom.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.headroom.core.codec.CodecException.Reason;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class EnvelopeCodecTest {

    private final EnvelopeCodec<String> strings = EnvelopeCodec.of(Codec.string());

    @Test
    void roundTripsAValueWithItsMetadata() {
        byte[] bytes = strings.encode("héllo", 1_700_000_000_123L, 42_000_000L);

        Enveloped<String> decoded = strings.decode(bytes);

        assertThat(decoded).isEqualTo(new Enveloped<>("héllo", 1_700_000_000_123L, 42_000_000L));
    }

    @Test
    void writesTheDocumentedHeader() {
        byte[] bytes = strings.encode("v", 1L, 2L);

        assertThat(bytes[0]).isEqualTo((byte) 0xFE);
        assertThat(bytes[1]).isEqualTo((byte) EnvelopeCodec.FORMAT_VERSION);
        assertThat(bytes[2]).isZero();
        assertThat(bytes[3]).isEqualTo((byte) "string".length());
        assertThat(new String(bytes, 4, 6, StandardCharsets.US_ASCII)).isEqualTo("string");
        assertThat(bytes).hasSize(4 + 6 + 16 + 1);
    }

    @Test
    void roundTripsEmptyValues() {
        assertThat(strings.decode(strings.encode("")).value()).isEmpty();
        EnvelopeCodec<byte[]> raw = EnvelopeCodec.of(Codec.bytes());
        assertThat(raw.decode(raw.encode(new byte[0])).value()).isEmpty();
    }

    @Test
    void compressesLargeCompressiblePayloadsOnly() {
        String large = "dashboard ".repeat(2_000);
        byte[] compressed = strings.encode(large);
        byte[] small = strings.encode("dashboard");

        assertThat(compressed[2]).isEqualTo((byte) 1);
        assertThat(compressed.length).isLessThan(large.length() / 10);
        assertThat(strings.decode(compressed).value()).isEqualTo(large);
        assertThat(small[2]).isZero();
    }

    @Test
    void storesIncompressiblePayloadsAsTheyAre() {
        byte[] noise = new byte[10_000];
        new Random(7).nextBytes(noise);
        EnvelopeCodec<byte[]> raw = EnvelopeCodec.of(Codec.bytes());

        byte[] bytes = raw.encode(noise);

        assertThat(bytes[2]).isZero();
        assertThat(raw.decode(bytes).value()).isEqualTo(noise);
    }

    @Test
    void compressionThresholdIsConfigurable() {
        EnvelopeCodec<String> eager =
                EnvelopeCodec.builder(Codec.string()).compressAbove(64).build();
        EnvelopeCodec<String> never =
                EnvelopeCodec.builder(Codec.string()).noCompression().build();
        String value = "x".repeat(200);

        assertThat(eager.encode(value)[2]).isEqualTo((byte) 1);
        assertThat(never.encode(value)[2]).isZero();
        assertThat(eager.decode(never.encode(value)).value()).isEqualTo(value);
    }

    @Test
    void rejectsBytesShorterThanTheHeader() {
        assertFails(() -> strings.decode(new byte[] {(byte) 0xFE, 1}), Reason.TRUNCATED);
        byte[] cut = Arrays.copyOf(strings.encode("value"), 12);
        assertFails(() -> strings.decode(cut), Reason.TRUNCATED);
    }

    @Test
    void rejectsBytesThatAreNoEnvelope() {
        assertFails(() -> strings.decode("plain text".getBytes(StandardCharsets.UTF_8)), Reason.NOT_AN_ENVELOPE);
    }

    @Test
    void neverReadsJavaSerialization() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ObjectOutputStream objects = new ObjectOutputStream(out)) {
            objects.writeObject("a serialized string");
        }

        assertFails(() -> strings.decode(out.toByteArray()), Reason.NOT_AN_ENVELOPE);
    }

    @Test
    void rejectsANewerFormatVersion() {
        byte[] bytes = strings.encode("value");
        bytes[1] = 2;

        assertThatThrownBy(() -> strings.decode(bytes))
                .isInstanceOfSatisfying(
                        CodecException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNSUPPORTED_VERSION))
                .hasMessage("UNSUPPORTED_VERSION (codec string): envelope format 2, this release reads 1");
    }

    @Test
    void rejectsUnknownFlags() {
        byte[] bytes = strings.encode("value");
        bytes[2] = 4;

        assertFails(() -> strings.decode(bytes), Reason.UNKNOWN_FLAGS);
    }

    @Test
    void rejectsAnEnvelopeOfAnotherCodec() {
        byte[] bytes = EnvelopeCodec.of(Codec.bytes()).encode(new byte[] {1, 2, 3});

        assertThatThrownBy(() -> strings.decode(bytes))
                .isInstanceOfSatisfying(
                        CodecException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CODEC_MISMATCH))
                .isInstanceOfSatisfying(
                        CodecException.class, e -> assertThat(e.codecId()).isEqualTo("string"))
                .hasMessageContaining("written by codec 'bytes'");
    }

    @Test
    void rejectsACorruptCompressedPayload() {
        byte[] bytes = strings.encode("dashboard ".repeat(2_000));
        bytes[bytes.length - 10] ^= 0x5A;

        assertFails(() -> strings.decode(bytes), Reason.CORRUPT_COMPRESSION);
    }

    @Test
    void refusesToInflateBeyondTheLimit() {
        EnvelopeCodec<String> writer = EnvelopeCodec.of(Codec.string());
        EnvelopeCodec<String> reader = EnvelopeCodec.builder(Codec.string())
                .maxDecompressedBytes(1_000)
                .build();
        byte[] bytes = writer.encode("0".repeat(100_000));

        assertThatThrownBy(() -> reader.decode(bytes))
                .isInstanceOfSatisfying(
                        CodecException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CORRUPT_COMPRESSION))
                .hasMessageContaining("declared length 100000 is outside 0..1000");
    }

    @Test
    void reportsAPayloadTheCodecCannotRead() {
        byte[] bytes = EnvelopeCodec.of(new RenamedBytes("string")).encode(new byte[] {(byte) 0xC3, (byte) 0x28});

        assertFails(() -> strings.decode(bytes), Reason.UNDECODABLE_PAYLOAD);
    }

    @Test
    void decodeFailuresCarryNoStackTrace() {
        CodecException failure = org.junit.jupiter.api.Assertions.assertThrows(
                CodecException.class, () -> strings.decode(new byte[] {1, 2, 3, 4}));

        assertThat(failure.getStackTrace()).isEmpty();
    }

    @Test
    void builderRejectsBadSettingsByName() {
        assertThatThrownBy(() -> EnvelopeCodec.builder(Codec.string()).compressAbove(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("compression threshold must be at least 1 byte: 0");
        assertThatThrownBy(() -> EnvelopeCodec.builder(Codec.string()).maxDecompressedBytes(-5))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("max decompressed size must be at least 1 byte: -5");
        assertThatThrownBy(() -> EnvelopeCodec.of(new RenamedBytes("")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("codec id must be 1 to 255 ASCII characters: ''");
        assertThatThrownBy(() -> EnvelopeCodec.of(new RenamedBytes("jsön")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("codec id must be 1 to 255 ASCII characters: 'jsön'");
    }

    private static void assertFails(ThrowingCallable call, Reason reason) {
        assertThatThrownBy(call)
                .isInstanceOfSatisfying(
                        CodecException.class, e -> assertThat(e.reason()).isEqualTo(reason));
    }

    /** Passes bytes through under any id, to forge envelopes. */
    private record RenamedBytes(String id) implements Codec<byte[]> {
        @Override
        public byte[] encode(byte[] value) {
            return value;
        }

        @Override
        public byte[] decode(byte[] bytes) {
            return bytes;
        }
    }
}
