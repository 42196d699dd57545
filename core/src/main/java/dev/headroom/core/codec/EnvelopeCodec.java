package dev.headroom.core.codec;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Wraps a {@link Codec}'s bytes in Headroom's versioned envelope, the only form in which values
 * cross Redis.
 *
 * <p>Format version 1, all integers big-endian:
 *
 * <pre>
 * offset  size  field
 * 0       1     magic 0xFE (never the first byte of UTF-8 text or of Java serialization)
 * 1       1     format version, 1
 * 2       1     flags: bit 0 = payload compressed with zlib; other bits must be 0
 * 3       1     L, length of the codec id
 * 4       L     codec id, ASCII
 * 4+L     8     computedAtMillis: wall-clock epoch millis the value was computed at, or 0
 * 12+L    8     computeNanos: how long computing it took, or 0
 * 20+L    ...   payload; if compressed: 4-byte decompressed length, then the zlib stream
 * </pre>
 *
 * <p>Decoding checks every field and fails with a {@link CodecException} whose {@link
 * CodecException.Reason} names the first check that failed; it never returns a misread value.
 * Payloads of at least {@link Builder#compressAbove(int) the threshold} are compressed when that
 * makes them smaller. Instances are immutable and thread-safe.
 *
 * @param <T> the value type
 */
public final class EnvelopeCodec<T> {

    /** The envelope format version this release writes and reads: {@value}. */
    public static final int FORMAT_VERSION = 1;

    /** Payloads of at least this many bytes are compressed unless configured otherwise: {@value}. */
    public static final int DEFAULT_COMPRESSION_THRESHOLD = 4096;

    /** The largest payload decompression may produce unless configured otherwise: {@value} bytes. */
    public static final int DEFAULT_MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

    static final byte MAGIC = (byte) 0xFE;
    static final int FLAG_COMPRESSED = 1;
    private static final int FIXED_HEADER = 4;
    private static final int METADATA = 16;

    private final Codec<T> codec;
    private final byte[] codecId;
    private final int compressionThreshold;
    private final int maxDecompressedBytes;

    private EnvelopeCodec(Builder<T> builder) {
        this.codec = builder.codec;
        this.codecId = builder.codecId;
        this.compressionThreshold = builder.compressionThreshold;
        this.maxDecompressedBytes = builder.maxDecompressedBytes;
    }

    /**
     * Returns an envelope codec with the default compression threshold and decompression limit.
     *
     * @param codec the codec of the payload
     * @param <T> the value type
     * @return the envelope codec
     * @throws IllegalArgumentException if the codec's id is not 1 to 255 ASCII characters
     */
    public static <T> EnvelopeCodec<T> of(Codec<T> codec) {
        return builder(codec).build();
    }

    /**
     * Returns a builder for an envelope codec around {@code codec}.
     *
     * @param codec the codec of the payload
     * @param <T> the value type
     * @return a builder
     * @throws IllegalArgumentException if the codec's id is not 1 to 255 ASCII characters
     */
    public static <T> Builder<T> builder(Codec<T> codec) {
        return new Builder<>(codec);
    }

    /**
     * Returns the codec of the payload.
     *
     * @return the payload codec
     */
    public Codec<T> codec() {
        return codec;
    }

    /**
     * Encodes a value with no computation metadata.
     *
     * @param value the value
     * @return the envelope's bytes
     * @throws CodecException if the codec cannot encode the value
     */
    public byte[] encode(T value) {
        return encode(value, 0L, 0L);
    }

    /**
     * Encodes a value with when and how slowly it was computed.
     *
     * @param value the value
     * @param computedAtMillis wall-clock epoch millis at which the value was computed, or 0
     * @param computeNanos how long computing it took, or 0
     * @return the envelope's bytes
     * @throws CodecException if the codec cannot encode the value
     */
    public byte[] encode(T value, long computedAtMillis, long computeNanos) {
        byte[] payload = codec.encode(value);
        byte[] compressed = payload.length >= compressionThreshold ? compress(payload) : payload;
        boolean useCompressed = compressed.length + 4 < payload.length;
        int headerLength = FIXED_HEADER + codecId.length + METADATA;
        int bodyLength = useCompressed ? 4 + compressed.length : payload.length;
        byte[] out = new byte[headerLength + bodyLength];
        out[0] = MAGIC;
        out[1] = (byte) FORMAT_VERSION;
        out[2] = (byte) (useCompressed ? FLAG_COMPRESSED : 0);
        out[3] = (byte) codecId.length;
        System.arraycopy(codecId, 0, out, FIXED_HEADER, codecId.length);
        int at = FIXED_HEADER + codecId.length;
        writeLong(out, at, computedAtMillis);
        writeLong(out, at + 8, computeNanos);
        if (useCompressed) {
            writeInt(out, headerLength, payload.length);
            System.arraycopy(compressed, 0, out, headerLength + 4, compressed.length);
        } else {
            System.arraycopy(payload, 0, out, headerLength, payload.length);
        }
        return out;
    }

    /**
     * Decodes an envelope written by an envelope codec with the same codec id.
     *
     * @param bytes the envelope's bytes; not modified
     * @return the value and its metadata
     * @throws CodecException naming the first check that failed
     */
    public Enveloped<T> decode(byte[] bytes) {
        if (bytes.length < FIXED_HEADER) {
            throw failure(
                    CodecException.Reason.TRUNCATED,
                    "envelope of " + bytes.length + " bytes is shorter than its header");
        }
        if (bytes[0] != MAGIC) {
            throw failure(
                    CodecException.Reason.NOT_AN_ENVELOPE,
                    String.format("first byte is 0x%02X, not 0xFE", bytes[0] & 0xFF));
        }
        int version = bytes[1] & 0xFF;
        if (version != FORMAT_VERSION) {
            throw failure(
                    CodecException.Reason.UNSUPPORTED_VERSION,
                    "envelope format " + version + ", this release reads " + FORMAT_VERSION);
        }
        int flags = bytes[2] & 0xFF;
        if ((flags & ~FLAG_COMPRESSED) != 0) {
            throw failure(CodecException.Reason.UNKNOWN_FLAGS, String.format("flags 0x%02X", flags));
        }
        int idLength = bytes[3] & 0xFF;
        int headerLength = FIXED_HEADER + idLength + METADATA;
        if (bytes.length < headerLength) {
            throw failure(
                    CodecException.Reason.TRUNCATED,
                    "envelope of " + bytes.length + " bytes is shorter than its " + headerLength + "-byte header");
        }
        if (!Arrays.equals(bytes, FIXED_HEADER, FIXED_HEADER + idLength, codecId, 0, codecId.length)) {
            String writer = new String(bytes, FIXED_HEADER, idLength, StandardCharsets.ISO_8859_1);
            throw failure(CodecException.Reason.CODEC_MISMATCH, "written by codec '" + writer + "'");
        }
        int at = FIXED_HEADER + idLength;
        long computedAtMillis = readLong(bytes, at);
        long computeNanos = readLong(bytes, at + 8);
        byte[] payload = (flags & FLAG_COMPRESSED) != 0
                ? decompress(bytes, headerLength)
                : Arrays.copyOfRange(bytes, headerLength, bytes.length);
        return new Enveloped<>(codec.decode(payload), computedAtMillis, computeNanos);
    }

    private static byte[] compress(byte[] payload) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(payload);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length / 2 + 64);
            byte[] buffer = new byte[Math.min(payload.length, 64 * 1024)];
            while (!deflater.finished()) {
                int n = deflater.deflate(buffer);
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private byte[] decompress(byte[] bytes, int start) {
        if (bytes.length < start + 4) {
            throw failure(CodecException.Reason.TRUNCATED, "compressed envelope lacks its length");
        }
        int length = readInt(bytes, start);
        if (length < 0 || length > maxDecompressedBytes) {
            throw failure(
                    CodecException.Reason.CORRUPT_COMPRESSION,
                    "declared length " + length + " is outside 0.." + maxDecompressedBytes);
        }
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(bytes, start + 4, bytes.length - start - 4);
            byte[] out = new byte[length];
            int filled = 0;
            while (filled < length) {
                int n = inflater.inflate(out, filled, length - filled);
                if (n == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                filled += n;
            }
            if (filled != length || !inflater.finished() || inflater.getRemaining() != 0) {
                throw failure(
                        CodecException.Reason.CORRUPT_COMPRESSION,
                        "inflated " + filled + " of " + length + " declared bytes");
            }
            return out;
        } catch (DataFormatException e) {
            throw new CodecException(
                    CodecException.Reason.CORRUPT_COMPRESSION, codec.id(), "corrupt zlib stream: " + e.getMessage(), e);
        } finally {
            inflater.end();
        }
    }

    private CodecException failure(CodecException.Reason reason, String message) {
        return new CodecException(reason, codec.id(), message);
    }

    private static void writeLong(byte[] out, int at, long value) {
        for (int i = 7; i >= 0; i--) {
            out[at + i] = (byte) value;
            value >>>= 8;
        }
    }

    private static void writeInt(byte[] out, int at, int value) {
        out[at] = (byte) (value >>> 24);
        out[at + 1] = (byte) (value >>> 16);
        out[at + 2] = (byte) (value >>> 8);
        out[at + 3] = (byte) value;
    }

    private static long readLong(byte[] in, int at) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (in[at + i] & 0xFFL);
        }
        return value;
    }

    private static int readInt(byte[] in, int at) {
        return ((in[at] & 0xFF) << 24) | ((in[at + 1] & 0xFF) << 16) | ((in[at + 2] & 0xFF) << 8) | (in[at + 3] & 0xFF);
    }

    @Override
    public String toString() {
        return "EnvelopeCodec[" + codec.id() + ", compressAbove=" + compressionThreshold + ']';
    }

    /**
     * Configures an {@link EnvelopeCodec}. Setters validate at once and name the bad value.
     *
     * @param <T> the value type
     */
    public static final class Builder<T> {
        private final Codec<T> codec;
        private final byte[] codecId;
        private int compressionThreshold = DEFAULT_COMPRESSION_THRESHOLD;
        private int maxDecompressedBytes = DEFAULT_MAX_DECOMPRESSED_BYTES;

        private Builder(Codec<T> codec) {
            String id = codec.id();
            if (id.isEmpty()
                    || id.length() > 255
                    || !StandardCharsets.US_ASCII.newEncoder().canEncode(id)) {
                throw new IllegalArgumentException("codec id must be 1 to 255 ASCII characters: '" + id + "'");
            }
            this.codec = codec;
            this.codecId = id.getBytes(StandardCharsets.US_ASCII);
        }

        /**
         * Compresses payloads of at least {@code bytes} bytes, when compression makes them smaller.
         * Default {@link #DEFAULT_COMPRESSION_THRESHOLD}.
         *
         * @param bytes the threshold, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is less than 1
         */
        public Builder<T> compressAbove(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("compression threshold must be at least 1 byte: " + bytes);
            }
            this.compressionThreshold = bytes;
            return this;
        }

        /**
         * Never compresses.
         *
         * @return this builder
         */
        public Builder<T> noCompression() {
            this.compressionThreshold = Integer.MAX_VALUE;
            return this;
        }

        /**
         * Refuses compressed payloads that would decompress to more than {@code bytes} bytes, so a
         * corrupt or hostile length cannot exhaust the heap. Default {@link
         * #DEFAULT_MAX_DECOMPRESSED_BYTES}.
         *
         * @param bytes the limit, at least 1
         * @return this builder
         * @throws IllegalArgumentException if {@code bytes} is less than 1
         */
        public Builder<T> maxDecompressedBytes(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("max decompressed size must be at least 1 byte: " + bytes);
            }
            this.maxDecompressedBytes = bytes;
            return this;
        }

        /**
         * Builds the envelope codec.
         *
         * @return an immutable envelope codec
         */
        public EnvelopeCodec<T> build() {
            return new EnvelopeCodec<>(this);
        }
    }
}
