package dev.headroom.core.redis.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Where the files a {@link RedisScript} includes come from, by the name its {@code --@include}
 * line gives. Implementations are thread-safe.
 */
@FunctionalInterface
public interface ScriptIncludes {

    /**
     * Returns the text of an included file.
     *
     * @param name the name an include line gives, such as {@code "lib.lua"}
     * @return the file's Lua source
     * @throws IllegalArgumentException if there is no such file
     * @throws UncheckedIOException if it cannot be read
     */
    String load(String name);

    /**
     * Returns {@code source} with every include line replaced by the included text, recursively.
     *
     * @param scriptName the including script's name, for errors
     * @param source the including script's source
     * @return the full text
     * @throws IllegalArgumentException if an included file is missing or blank, or the includes form
     *     a cycle; the message names the chain of includes
     */
    default String expand(String scriptName, String source) {
        return IncludeExpander.expand(this, scriptName, source);
    }

    /**
     * Returns includes that resolve nothing: for scripts that include nothing.
     *
     * @return includes whose every load fails
     */
    static ScriptIncludes none() {
        return name -> {
            throw new IllegalArgumentException("no includes were given to resolve '" + name + "'");
        };
    }

    /**
     * Returns includes read from class path resources next to {@code anchor}, the way {@link
     * Class#getResourceAsStream(String)} resolves names: relative to its package, or absolute with a
     * leading {@code /}.
     *
     * @param anchor the class whose package holds the files
     * @return includes from resources
     */
    static ScriptIncludes resourcesNextTo(Class<?> anchor) {
        return name -> {
            try (InputStream in = anchor.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalArgumentException("no script resource '" + name + "' next to " + anchor.getName());
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read script resource '" + name + "'", e);
            }
        };
    }

    /**
     * Returns includes from a map of file names to sources.
     *
     * @param files the sources by name; copied
     * @return includes from the map
     */
    static ScriptIncludes of(Map<String, String> files) {
        Map<String, String> copy = Map.copyOf(files);
        return name -> {
            String source = copy.get(name);
            if (source == null) {
                throw new IllegalArgumentException("no include named '" + name + "' among " + copy.keySet());
            }
            return source;
        };
    }
}
