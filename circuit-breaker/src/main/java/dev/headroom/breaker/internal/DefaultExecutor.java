package dev.headroom.breaker.internal;

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
 * Where Headroom runs work it must be able to abandon: time-limited calls and asynchronous retry
 * attempts. A virtual thread per task when the running JDK has them (found reflectively, since
 * the module is compiled for Java 17); otherwise an unbounded pool of daemon platform threads
 * that are reclaimed after a minute idle. Created on first use and shared.
 */
public final class DefaultExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultExecutor.class);

    private DefaultExecutor() {}

    /**
     * Returns the shared executor.
     *
     * @return virtual threads if available, else cached daemon platform threads
     */
    public static ExecutorService shared() {
        return Holder.EXECUTOR;
    }

    /**
     * Returns whether the shared executor runs tasks on virtual threads.
     *
     * @return true on a JDK with virtual threads enabled
     */
    public static boolean usesVirtualThreads() {
        return Holder.VIRTUAL != null;
    }

    /**
     * Creates a virtual-thread-per-task executor if the running JDK offers one.
     *
     * @return the executor, or null on JDKs without (or with disabled) virtual threads
     */
    static @Nullable ExecutorService newVirtualThreadExecutor() {
        try {
            MethodHandle factory = MethodHandles.publicLookup()
                    .findStatic(
                            Executors.class,
                            "newVirtualThreadPerTaskExecutor",
                            MethodType.methodType(ExecutorService.class));
            return (ExecutorService) factory.invoke();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null; // Java 17 to 18: no virtual threads
        } catch (UnsupportedOperationException e) {
            return null; // Java 19 and 20 without --enable-preview
        } catch (Throwable e) {
            LOG.warn("Virtual threads found but unusable; using platform threads", e);
            return null;
        }
    }

    /**
     * Creates the fallback: cached daemon platform threads named {@code headroom-worker-N}.
     *
     * @return a new executor
     */
    static ExecutorService newPlatformThreadExecutor() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, "headroom-worker-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        return Executors.newCachedThreadPool(threads);
    }

    private static final class Holder {
        static final @Nullable ExecutorService VIRTUAL = newVirtualThreadExecutor();
        static final ExecutorService EXECUTOR = VIRTUAL != null ? VIRTUAL : newPlatformThreadExecutor();
    }
}
