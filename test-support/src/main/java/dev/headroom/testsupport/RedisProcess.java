package dev.headroom.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A redis-server process started for tests, bound to 127.0.0.1 on its own port and working
 * directory. A drill may {@link #stop()}, {@link #kill()} and {@link #start()} it again on the same
 * port; with persistence on, what it had acknowledged survives. {@link #close()} kills it and
 * deletes its directory. Made by {@link RedisServers}.
 */
public final class RedisProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(15);

    private final Path binary;
    private final Path directory;
    private final int port;
    private final List<String> extraArguments;
    private @Nullable Process process;

    RedisProcess(Path binary, Path directory, int port, List<String> extraArguments) {
        this.binary = binary;
        this.directory = directory;
        this.port = port;
        this.extraArguments = List.copyOf(extraArguments);
    }

    /**
     * Returns the host the server listens on.
     *
     * @return {@code 127.0.0.1}
     */
    public String host() {
        return "127.0.0.1";
    }

    /**
     * Returns the port the server listens on, the same across restarts.
     *
     * @return the port
     */
    public int port() {
        return port;
    }

    /**
     * Returns the server's URL.
     *
     * @return {@code redis://127.0.0.1:<port>}
     */
    public String uri() {
        return "redis://" + host() + ':' + port;
    }

    /**
     * Returns the server's working directory, where its log and any persistence files live.
     *
     * @return the directory
     */
    public Path directory() {
        return directory;
    }

    /**
     * Says whether the process is alive.
     *
     * @return true while the server process runs
     */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /**
     * Starts the server, or does nothing if it runs, and waits until it answers {@code PING}.
     *
     * @throws IllegalStateException if it does not become ready, with the tail of its log
     */
    public synchronized void start() {
        if (isRunning()) {
            return;
        }
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(List.of("--port", Integer.toString(port), "--bind", host(), "--dir", directory.toString()));
        command.addAll(List.of("--logfile", "redis.log", "--daemonize", "no", "--protected-mode", "no"));
        command.addAll(extraArguments);
        try {
            Files.createDirectories(directory);
            Process started = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(directory.resolve("stdout.log").toFile())
                    .start();
            process = started;
            ProcessReaper.register(started);
            awaitReady(started);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
    }

    /**
     * Stops the server the way an operator would ({@code SIGTERM}): it saves if persistence is on,
     * then exits. Waits for the exit.
     */
    public synchronized void stop() {
        Process running = process;
        if (running != null && running.isAlive()) {
            running.destroy();
            waitFor(running);
        }
        process = null;
    }

    /** Kills the server at once ({@code SIGKILL}), losing what it had not written to disk. */
    public synchronized void kill() {
        Process running = process;
        if (running != null && running.isAlive()) {
            running.destroyForcibly();
            waitFor(running);
        }
        process = null;
    }

    /** Kills the server and deletes its working directory. */
    @Override
    public synchronized void close() {
        kill();
        deleteRecursively(directory);
    }

    private void awaitReady(Process started) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        IOException last = null;
        while (System.nanoTime() < deadline) {
            if (!started.isAlive()) {
                throw new IllegalStateException("redis-server on port " + port + " exited at start:\n" + logTail());
            }
            try (RespClient client = new RespClient(host(), port, 500)) {
                Object reply = client.command("PING");
                if ("PONG".equals(reply)) {
                    return;
                }
            } catch (RespErrorReply e) {
                return; // Answering at all means it is up; NOAUTH comes from a password-protected server.
            } catch (IOException e) {
                last = e;
            }
            pause(Duration.ofMillis(20));
        }
        kill();
        throw new IllegalStateException("redis-server on port " + port + " did not answer PING within " + READY_TIMEOUT
                + " (" + last + "):\n" + logTail());
    }

    String logTail() {
        try {
            Path log = directory.resolve("redis.log");
            Path stdout = directory.resolve("stdout.log");
            StringBuilder tail = new StringBuilder();
            for (Path file : List.of(stdout, log)) {
                if (Files.exists(file)) {
                    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                    lines.subList(Math.max(0, lines.size() - 20), lines.size())
                            .forEach(l -> tail.append(l).append('\n'));
                }
            }
            return tail.toString();
        } catch (IOException e) {
            return "(log unreadable: " + e + ")";
        }
    }

    private static void waitFor(Process process) {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for redis-server", e);
        }
    }

    static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Leftover files in the temp directory are harmless; the server is already dead.
        }
    }

    @Override
    public String toString() {
        return "RedisProcess[" + uri() + (isRunning() ? ", running" : ", stopped") + ']';
    }
}
