package dev.headroom.core.codec;

/**
 * Turns values of one type into bytes and back. Implementations must be thread-safe, and {@code
 * decode(encode(v))} must equal {@code v}.
 *
 * <p>A codec never uses Java serialization. A codec whose format changes incompatibly must change
 * its {@link #id()}, so that an {@link EnvelopeCodec} reading old bytes reports {@link
 * CodecException.Reason#CODEC_MISMATCH} instead of misreading them.
 *
 * @param <T> the value type
 */
public interface Codec<T> {

    /**
     * Returns the identifier written into every envelope this codec fills: 1 to 255 ASCII
     * characters, stable across releases of the application.
     *
     * @return the codec's identifier, such as {@code "string"} or {@code "json"}
     */
    String id();

    /**
     * Encodes a value.
     *
     * @param value the value
     * @return its bytes; the caller owns the array
     * @throws CodecException with {@link CodecException.Reason#UNENCODABLE_VALUE} if the value cannot
     *     be encoded
     */
    byte[] encode(T value);

    /**
     * Decodes bytes written by {@link #encode(Object)}.
     *
     * @param bytes the bytes; not modified
     * @return the value
     * @throws CodecException with {@link CodecException.Reason#UNDECODABLE_PAYLOAD} if the bytes are
     *     not a value of this codec
     */
    T decode(byte[] bytes);

    /**
     * Returns the codec for strings, as UTF-8. Decoding rejects malformed UTF-8 rather than
     * replacing it.
     *
     * @return the shared string codec, id {@code "string"}
     */
    static Codec<String> string() {
        return StringCodec.INSTANCE;
    }

    /**
     * Returns the codec that passes byte arrays through unchanged, for values the caller encodes.
     *
     * @return the shared bytes codec, id {@code "bytes"}
     */
    static Codec<byte[]> bytes() {
        return BytesCodec.INSTANCE;
    }
}
