package dev.headroom.core.redis.internal;

import io.lettuce.core.ScriptOutputType;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * How to read a Lua script's reply, and the Java type it becomes. Typed so that {@link
 * ScriptRunner} callers get the reply without a cast.
 *
 * @param <T> the Java type of the reply
 */
public final class ScriptOutput<T> {

    /** An integer reply, as a {@code Long}; a script must return a number. */
    public static final ScriptOutput<Long> INTEGER = new ScriptOutput<>(ScriptOutputType.INTEGER, Long.class::cast);

    /** A bulk string reply, or empty for nil. */
    public static final ScriptOutput<Optional<byte[]>> VALUE =
            new ScriptOutput<>(ScriptOutputType.VALUE, reply -> Optional.ofNullable((byte[]) reply));

    /**
     * An array reply, whose elements are {@code Long}, {@code byte[]}, nested {@code List} or null
     * for nil.
     */
    public static final ScriptOutput<List<Object>> MULTI =
            new ScriptOutput<>(ScriptOutputType.MULTI, ScriptOutput::asList);

    /** A status reply such as {@code OK}, as a string. */
    public static final ScriptOutput<String> STATUS = new ScriptOutput<>(ScriptOutputType.STATUS, String.class::cast);

    private final ScriptOutputType type;
    private final Function<Object, T> adapter;

    private ScriptOutput(ScriptOutputType type, Function<Object, T> adapter) {
        this.type = type;
        this.adapter = adapter;
    }

    ScriptOutputType type() {
        return type;
    }

    T adapt(Object reply) {
        return adapter.apply(reply);
    }

    @SuppressWarnings("unchecked") // Lettuce decodes MULTI replies as List<Object>.
    private static List<Object> asList(Object reply) {
        return (List<Object>) reply;
    }

    @Override
    public String toString() {
        return "ScriptOutput[" + type + ']';
    }
}
