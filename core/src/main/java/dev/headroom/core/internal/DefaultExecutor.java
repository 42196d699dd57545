package dev.headroom.core.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one default executor for Headroom's asynchronous work when the user gives none: time-limited
 * calls, asynchronous retries, cache refreshes and loads, job handlers.
 *
 * <p>On a JDK with virtual threads (21 or newer; found reflectively, since Headroom compiles for
 * 17) every task gets a new virtual thread; otherwise tasks run on a cached pool of daemon
 * platform threads, reclaimed after a minute idle. Neither kind caps concurrency: the component
 * that submits bounds its own work (a bulkhead, a worker's concurrency, a cache's single-flight).
 *
 * <p>{@link #shared()} is one executor for every component, started on first use and never shut
 * down. {@link #newOwned(String)} makes a fresh executor of the same kind, with named threads, for
 * a component that shuts its executor down when it closes.
 */
public final class DefaultExecutor {

    /** The prefix of the shared executor's platform threads' names: {@value}. */
    public static final String SHARED_THREAD_PREFIX = "headroom-worker-";

    private static final Logger LOG = LoggerFactory.getLogger(DefaultExecutor.class);

    private DefaultExecutor() {}

    /**
     * Returns the executor every component shares. Never shut it down.
     *
     * @return virtual threads if available, else cached daemon platform threads named {@value
     *     #SHARED_THREAD_PREFIX}N
     */
    public static ExecutorService shared() {
        return Shared.EXECUTOR;
    }

    /**
     * Creates a new executor of the default kind; the caller owns it and shuts it down.
     *
     * @param threadNamePrefix the prefix of its threads' names, followed by a counter from 1
     * @return a new executor that starts every task at once
     * @throws IllegalArgumentException if {@code threadNamePrefix} is blank
     */
    public static ExecutorService newOwned(String threadNamePrefix) {
        if (threadNamePrefix.isBlank()) {
            throw new IllegalArgumentException("threadNamePrefix must not be blank: '" + threadNamePrefix + "'");
        }
        ExecutorService virtual = VirtualThreads.newExecutor(threadNamePrefix);
        return virtual != null ? virtual : newPlatformThreadExecutor(threadNamePrefix);
    }

    /**
     * Says whether the default executors run tasks on virtual threads.
     *
     * @return true on a JDK with virtual threads enabled
     */
    public static boolean usesVirtualThreads() {
        return VirtualThreads.AVAILABLE;
    }

    private static ExecutorService newPlatformThreadExecutor(String threadNamePrefix) {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, threadNamePrefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return Executors.newCachedThreadPool(threads);
    }

    private static final class Shared {
        static final ExecutorService EXECUTOR = newOwned(SHARED_THREAD_PREFIX);
    }

    /** Reaches {@code Thread.ofVirtual()} and {@code Executors.newThreadPerTaskExecutor} by reflection. */
    private static final class VirtualThreads {
        private static final @Nullable MethodHandle NEW_EXECUTOR = findNewExecutor();
        static final boolean AVAILABLE = NEW_EXECUTOR != null && probe();

        static @Nullable ExecutorService newExecutor(String threadNamePrefix) {
            MethodHandle newExecutor = NEW_EXECUTOR;
            if (newExecutor == null) {
                return null;
            }
            try {
                return (ExecutorService) newExecutor.invoke(threadNamePrefix, 1L);
            } catch (UnsupportedOperationException e) {
                return null; // Java 19 and 20 without --enable-preview
            } catch (Throwable e) {
                LOG.warn("Virtual threads found but unusable; using platform threads", e);
                return null;
            }
        }

        private static boolean probe() {
            ExecutorService probe = newExecutor("headroom-probe-");
            if (probe == null) {
                return false;
            }
            probe.shutdown();
            return true;
        }

        /**
         * Returns a handle {@code (String prefix, long start) -> ExecutorService} composing {@code
         * Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(prefix, start).factory())}, or
         * null on a JDK without these methods.
         */
        private static @Nullable MethodHandle findNewExecutor() {
            try {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                Class<?> builder = Class.forName("java.lang.Thread$Builder");
                Class<?> ofVirtualType = Class.forName("java.lang.Thread$Builder$OfVirtual");
                MethodHandle ofVirtual =
                        lookup.findStatic(Thread.class, "ofVirtual", MethodType.methodType(ofVirtualType));
                MethodHandle name = lookup.findVirtual(
                        ofVirtualType, "name", MethodType.methodType(ofVirtualType, String.class, long.class));
                MethodHandle factory =
                        lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class));
                MethodHandle perTask = lookup.findStatic(
                        Executors.class,
                        "newThreadPerTaskExecutor",
                        MethodType.methodType(ExecutorService.class, ThreadFactory.class));
                // (prefix, start) -> ofVirtual().name(prefix, start)
                MethodHandle named = MethodHandles.collectArguments(name, 0, ofVirtual);
                // (prefix, start) -> named(...).factory()
                MethodHandle threads = MethodHandles.filterReturnValue(
                        named, factory.asType(MethodType.methodType(ThreadFactory.class, ofVirtualType)));
                return MethodHandles.filterReturnValue(threads, perTask);
            } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
                return null; // Java 17 and 18: no virtual threads
            }
        }
    }
}
