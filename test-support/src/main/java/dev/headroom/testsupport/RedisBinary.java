package dev.headroom.testsupport;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Finds a {@code redis-server} executable: the one the {@code headroom.redis.binary} system property
 * or the {@code HEADROOM_REDIS_BINARY} environment variable names (the word {@code embedded} there
 * forces the shipped binary), else the first on the {@code PATH}, else the binary shipped in the
 * {@code com.github.codemonstur:embedded-redis} artifact, extracted once to the temp directory.
 */
public final class RedisBinary {

    /** The system property that overrides where the binary comes from: {@value}. */
    public static final String PROPERTY = "headroom.redis.binary";

    /** The environment variable that overrides where the binary comes from: {@value}. */
    public static final String ENVIRONMENT = "HEADROOM_REDIS_BINARY";

    private static volatile @Nullable Path resolved;

    private RedisBinary() {}

    /**
     * Returns the binary to run, resolving it once per JVM.
     *
     * @return an executable redis-server
     * @throws IllegalStateException if none can be found or extracted on this platform
     */
    public static Path resolve() {
        Path path = resolved;
        if (path == null) {
            synchronized (RedisBinary.class) {
                path = resolved;
                if (path == null) {
                    path = locate();
                    resolved = path;
                }
            }
        }
        return path;
    }

    private static Path locate() {
        String override = System.getProperty(PROPERTY, System.getenv(ENVIRONMENT));
        if (override != null && !override.isBlank()) {
            if (override.equals("embedded")) {
                return extractShipped();
            }
            Path path = Path.of(override);
            if (!Files.isExecutable(path)) {
                throw new IllegalStateException(PROPERTY + " names no executable file: " + override);
            }
            return path;
        }
        return onPath().orElseGet(RedisBinary::extractShipped);
    }

    /**
     * Looks for {@code redis-server} on the {@code PATH}.
     *
     * @return its path, or empty
     */
    public static Optional<Path> onPath() {
        String pathVariable = System.getenv("PATH");
        if (pathVariable == null) {
            return Optional.empty();
        }
        for (String directory : pathVariable.split(File.pathSeparator, -1)) {
            if (directory.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(directory, "redis-server");
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Extracts the binary shipped in the embedded-redis artifact for this OS and architecture.
     *
     * @return the extracted executable
     * @throws IllegalStateException if the artifact ships none for this platform
     */
    public static Path extractShipped() {
        String resource = shippedResourceName();
        Path directory = Path.of(System.getProperty("java.io.tmpdir"), "headroom-" + resource);
        Path target = directory.resolve("redis-server");
        try (InputStream in = RedisBinary.class.getResourceAsStream("/" + resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        "the embedded-redis artifact is not on the class path, or lacks /" + resource);
            }
            byte[] bytes = in.readAllBytes();
            if (Files.isExecutable(target) && Files.size(target) == bytes.length) {
                return target;
            }
            Files.createDirectories(directory);
            Path temporary = Files.createTempFile(directory, "redis-server", ".part");
            Files.write(temporary, bytes);
            if (!temporary.toFile().setExecutable(true)) {
                throw new IllegalStateException("cannot make " + temporary + " executable");
            }
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the shipped redis-server to " + target, e);
        }
    }

    private static String shippedResourceName() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        boolean x64 = arch.equals("amd64") || arch.equals("x86_64");
        boolean arm64 = arch.equals("aarch64") || arch.equals("arm64");
        if (os.contains("linux") && x64) {
            return "redis-server-6.2.6-v5-linux-amd64";
        }
        if (os.contains("linux") && arm64) {
            return "redis-server-6.2.7-linux-arm64";
        }
        if (os.contains("mac") && x64) {
            return "redis-server-6.2.6-v5-darwin-amd64";
        }
        if (os.contains("mac") && arm64) {
            return "redis-server-6.2.6-v5-darwin-arm64";
        }
        throw new IllegalStateException(
                "no shipped redis-server for " + os + "/" + arch + "; put redis-server on the PATH or set REDIS_URL");
    }
}
