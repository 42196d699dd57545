package dev.headroom.jobs.internal;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The executor a queue uses when the user gives none: a new virtual thread per task when the
 * running JDK has them (21 or newer; found reflectively, since this module compiles for 17), else
 * a cached pool of daemon platform threads. Neither caps the number of concurrent tasks.
 */
public final class JobExecutors {

    private static final Logger LOG = LoggerFactory.getLogger(JobExecutors.class);
    private static final @Nullable Method OF_VIRTUAL = findOfVirtual();

    private JobExecutors() {}

    /**
     * Says whether {@link #newDefault(String)} makes virtual threads on this JDK.
     *
     * @return true on JDK 21 or newer
     */
    public static boolean virtualThreadsAvailable() {
        return OF_VIRTUAL != null;
    }

    /**
     * Creates the default executor; the caller owns it and shuts it down.
     *
     * @param namePrefix the prefix of its threads' names
     * @return an executor that starts every task at once
     */
    public static ExecutorService newDefault(String namePrefix) {
        ThreadFactory virtual = virtualThreadFactory(namePrefix);
        if (virtual != null) {
            try {
                Method perTask = Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class);
                return (ExecutorService) perTask.invoke(null, virtual);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.debug("virtual threads found but not usable; using platform threads: {}", e.toString());
            }
        }
        AtomicInteger counter = new AtomicInteger();
        return Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, namePrefix + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    private static @Nullable ThreadFactory virtualThreadFactory(String namePrefix) {
        Method ofVirtual = OF_VIRTUAL;
        if (ofVirtual == null) {
            return null;
        }
        try {
            Object builder = ofVirtual.invoke(null);
            Method name = builder.getClass().getMethod("name", String.class, long.class);
            name.setAccessible(true);
            Object named = name.invoke(builder, namePrefix, 1L);
            Method factory = named.getClass().getMethod("factory");
            factory.setAccessible(true);
            return (ThreadFactory) factory.invoke(named);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debug("virtual threads found but not usable; using platform threads: {}", e.toString());
            return null;
        }
    }

    private static @Nullable Method findOfVirtual() {
        try {
            return Thread.class.getMethod("ofVirtual");
        } catch (NoSuchMethodException e) {
            return null;
        }
    }
}
