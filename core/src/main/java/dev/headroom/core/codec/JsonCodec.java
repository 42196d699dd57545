package dev.headroom.core.codec;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;

/**
 * Values as JSON through Jackson, which is an optional dependency: add {@code
 * com.fasterxml.jackson.core:jackson-databind} to use this class.
 *
 * <p>The value's type is fixed when the codec is made, never read from the bytes, so a payload
 * cannot choose which class gets instantiated. The default mapper ignores unknown properties, so
 * an old release reads values written by a newer one that added fields. A mapper passed in is used
 * as it is: do not give it polymorphic default typing.
 *
 * @param <T> the value type
 */
public final class JsonCodec<T> implements Codec<T> {

    /** The id written into envelopes: {@value}. */
    public static final String ID = "json";

    private final ObjectReader reader;
    private final ObjectWriter writer;
    private final String typeName;

    private JsonCodec(ObjectMapper mapper, JavaType type) {
        this.reader = mapper.readerFor(type);
        this.writer = mapper.writerFor(type);
        this.typeName = type.toCanonical();
    }

    /**
     * Returns a codec for a class with Headroom's default mapper.
     *
     * @param type the value class
     * @param <T> the value type
     * @return a thread-safe codec
     */
    public static <T> JsonCodec<T> of(Class<T> type) {
        return of(DefaultMapper.INSTANCE, type);
    }

    /**
     * Returns a codec for a class with the caller's mapper.
     *
     * @param mapper the mapper; not reconfigured
     * @param type the value class
     * @param <T> the value type
     * @return a thread-safe codec
     */
    public static <T> JsonCodec<T> of(ObjectMapper mapper, Class<T> type) {
        return new JsonCodec<>(mapper, mapper.constructType(type));
    }

    /**
     * Returns a codec for a generic type, such as {@code List<Order>}, with the caller's mapper.
     *
     * @param mapper the mapper; not reconfigured
     * @param type the value type
     * @param <T> the value type
     * @return a thread-safe codec
     */
    public static <T> JsonCodec<T> of(ObjectMapper mapper, TypeReference<T> type) {
        return new JsonCodec<>(mapper, mapper.constructType(type));
    }

    /**
     * Returns a codec for a generic type, such as {@code List<Order>}, with Headroom's default
     * mapper.
     *
     * @param type the value type
     * @param <T> the value type
     * @return a thread-safe codec
     */
    public static <T> JsonCodec<T> of(TypeReference<T> type) {
        return of(DefaultMapper.INSTANCE, type);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public byte[] encode(T value) {
        try {
            return writer.writeValueAsBytes(value);
        } catch (JacksonException e) {
            throw new CodecException(
                    CodecException.Reason.UNENCODABLE_VALUE,
                    ID,
                    "cannot write " + typeName + ": " + e.getOriginalMessage(),
                    e);
        }
    }

    @Override
    public T decode(byte[] bytes) {
        try {
            return reader.readValue(bytes);
        } catch (IOException e) {
            String detail = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
            throw new CodecException(
                    CodecException.Reason.UNDECODABLE_PAYLOAD, ID, "cannot read " + typeName + ": " + detail, e);
        }
    }

    @Override
    public String toString() {
        return "JsonCodec[" + typeName + ']';
    }

    /** Holder, so the mapper is built only when the default is first used. */
    private static final class DefaultMapper {
        static final ObjectMapper INSTANCE = JsonMapper.builder()
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .build();
    }
}
