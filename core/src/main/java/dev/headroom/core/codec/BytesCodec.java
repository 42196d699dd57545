package dev.headroom.core.codec;

/** Raw bytes, passed through; reached through {@link Codec#bytes()}. */
enum BytesCodec implements Codec<byte[]> {
    INSTANCE;

    @Override
    public String id() {
        return "bytes";
    }

    @Override
    public byte[] encode(byte[] value) {
        return value;
    }

    @Override
    public byte[] decode(byte[] bytes) {
        return bytes;
    }
}
