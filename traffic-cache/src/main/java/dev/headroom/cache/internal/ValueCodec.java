package dev.headroom.cache.internal;

import dev.headroom.core.codec.Codec;
import dev.headroom.core.codec.CodecException;
import dev.headroom.core.codec.EnvelopeCodec;
import dev.headroom.core.codec.Enveloped;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Values as they cross Redis: core's versioned envelope around the cache's codec, or around an
 * empty payload with the codec id {@value #ABSENT_ID} for an absent value. Bytes that do not decode
 * (another codec, a newer format, corruption, a codec that throws) are counted and become a miss;
 * a value that does not encode is counted and stays out of Redis.
 *
 * @param <V> the value type
 */
final class ValueCodec<V> {

    static final String ABSENT_ID = "headroom-absent";

    private static final Logger LOG = LoggerFactory.getLogger(ValueCodec.class);

    private final EnvelopeCodec<V> values;
    private final EnvelopeCodec<Absent> absent;
    private final Counters counters;

    ValueCodec(Codec<V> codec, int compressAbove, Counters counters) {
        this.values = EnvelopeCodec.builder(codec).compressAbove(compressAbove).build();
        this.absent = EnvelopeCodec.of(AbsentCodec.INSTANCE);
        this.counters = counters;
    }

    /** A value read back, with when and how slowly its writer computed it. */
    record Decoded(Object value, long computedAtMillis, long computeNanos) {}

    /**
     * Encodes a value or {@link Absent#INSTANCE}.
     *
     * @return the envelope, or null if the codec failed (counted and logged)
     */
    byte @Nullable [] encode(Object value, long computedAtMillis, long computeNanos) {
        try {
            if (value == Absent.INSTANCE) {
                return absent.encode(Absent.INSTANCE, computedAtMillis, computeNanos);
            }
            @SuppressWarnings("unchecked") // Only values of type V or Absent are ever stored.
            V typed = (V) value;
            return values.encode(typed, computedAtMillis, computeNanos);
        } catch (RuntimeException e) {
            counters.encodeFailures.increment();
            LOG.warn("cannot encode a value for Redis with {}; it is kept in memory only: {}", values, e.toString());
            return null;
        }
    }

    /**
     * Decodes an envelope.
     *
     * @return the value, or null if the bytes do not decode (counted)
     */
    @Nullable
    Decoded decode(byte[] bytes) {
        try {
            Enveloped<V> decoded = values.decode(bytes);
            return new Decoded(decoded.value(), decoded.computedAtMillis(), decoded.computeNanos());
        } catch (CodecException e) {
            if (e.reason() == CodecException.Reason.CODEC_MISMATCH) {
                Decoded marker = decodeAbsent(bytes);
                if (marker != null) {
                    return marker;
                }
            }
            return failed(e);
        } catch (RuntimeException e) {
            return failed(e);
        }
    }

    private @Nullable Decoded decodeAbsent(byte[] bytes) {
        try {
            Enveloped<Absent> decoded = absent.decode(bytes);
            return new Decoded(Absent.INSTANCE, decoded.computedAtMillis(), decoded.computeNanos());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private @Nullable Decoded failed(RuntimeException e) {
        counters.decodeFailures.increment();
        LOG.debug("a value in Redis does not decode with {} and counts as a miss: {}", values, e.toString());
        return null;
    }

    /** The payload codec of the absent marker: an empty payload. */
    private enum AbsentCodec implements Codec<Absent> {
        INSTANCE;

        @Override
        public String id() {
            return ABSENT_ID;
        }

        @Override
        public byte[] encode(Absent value) {
            return new byte[0];
        }

        @Override
        public Absent decode(byte[] bytes) {
            if (bytes.length != 0) {
                throw new CodecException(
                        CodecException.Reason.UNDECODABLE_PAYLOAD, ABSENT_ID, "absent marker with a payload");
            }
            return Absent.INSTANCE;
        }
    }
}
