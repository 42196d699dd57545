package dev.headroom.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes sure no redis-server outlives the tests that started it. Live servers are killed by a
 * shutdown hook when the test JVM exits; and since a JVM killed with {@code SIGKILL} runs no hook,
 * every server is also recorded in a registry directory, and the next test JVM kills servers whose
 * owning JVM is gone.
 */
final class ProcessReaper {

    private static final Path REGISTRY = Path.of(System.getProperty("java.io.tmpdir"), "headroom-redis-processes");
    private static final long SELF = ProcessHandle.current().pid();
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        sweepOrphans();
        Runtime.getRuntime().addShutdownHook(new Thread(ProcessReaper::killAll, "headroom-redis-reaper"));
    }

    private ProcessReaper() {}

    static void register(Process process) {
        LIVE.add(process);
        try {
            Files.createDirectories(REGISTRY);
            Files.writeString(REGISTRY.resolve(SELF + "." + process.pid()), "");
        } catch (IOException e) {
            // Without a registry entry only the shutdown hook guards this process; that covers normal exits.
        }
        CompletableFuture<Process> unused = process.onExit().whenComplete((exited, failure) -> {
            LIVE.remove(process);
            REGISTRY.resolve(SELF + "." + process.pid()).toFile().delete();
        });
    }

    private static void killAll() {
        for (Process process : LIVE) {
            process.destroyForcibly();
        }
    }

    private static void sweepOrphans() {
        if (!Files.isDirectory(REGISTRY)) {
            return;
        }
        try (var entries = Files.list(REGISTRY)) {
            entries.forEach(ProcessReaper::reapIfOrphaned);
        } catch (IOException e) {
            // An unreadable registry leaves orphans of earlier crashed runs; the current run is unaffected.
        }
    }

    private static void reapIfOrphaned(Path entry) {
        String name = entry.getFileName().toString();
        int dot = name.indexOf('.');
        long owner;
        long server;
        try {
            owner = Long.parseLong(name.substring(0, Math.max(dot, 0)));
            server = Long.parseLong(name.substring(dot + 1));
        } catch (NumberFormatException e) {
            return;
        }
        if (ProcessHandle.of(owner).map(ProcessHandle::isAlive).orElse(false)) {
            return;
        }
        ProcessHandle.of(server)
                .filter(handle -> handle.info()
                        .command()
                        .map(c -> c.contains("redis-server"))
                        .orElse(false))
                .ifPresent(ProcessHandle::destroyForcibly);
        entry.toFile().delete();
    }
}
