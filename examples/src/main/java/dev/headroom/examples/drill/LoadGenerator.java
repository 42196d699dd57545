package dev.headroom.examples.drill;

import static java.util.Objects.requireNonNull;
import static java.util.concurrent.TimeUnit.NANOSECONDS;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A closed-loop HTTP load generator: each connection sends its next request as soon as its previous
 * one has completed, so the offered load follows the service's latency, as a fixed population of
 * clients would.
 *
 * <p>A {@linkplain #run run} starts one platform thread per connection; each loops on "ask the
 * plan, send, record" until the step's duration has elapsed, and a request still in flight then
 * gets at most the request timeout more before its thread is interrupted and the request counted as
 * a timeout. Bodies are read and discarded. Immutable and thread-safe; runs may overlap.
 */
final class LoadGenerator {

    /** Response header whose value says where a cached value came from. */
    static final String CACHE_HEADER = "x-headroom-cache";

    /** Response header present on a degraded (fallback) response. */
    static final String DEGRADED_HEADER = "x-headroom-degraded";

    private static final long SAMPLE_NANOS = NANOSECONDS.convert(Duration.ofSeconds(1));

    /** How long interrupted connections get to stop before a run gives up on them. */
    private static final long STOP_NANOS = NANOSECONDS.convert(Duration.ofSeconds(5));

    private final HttpClient client;
    private final URI baseUri;
    private final Duration requestTimeout;

    /**
     * A generator of requests to {@code baseUri}.
     *
     * @param client sends the requests; its connection pool is shared by all connections
     * @param baseUri against which request paths are resolved, e.g. {@code http://localhost:8080}
     * @param requestTimeout how long one request may take before it counts as a timeout
     * @throws IllegalArgumentException if {@code requestTimeout} is not positive
     */
    LoadGenerator(HttpClient client, URI baseUri, Duration requestTimeout) {
        this.client = requireNonNull(client, "client");
        this.baseUri = requireNonNull(baseUri, "baseUri");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("requestTimeout must be positive: " + requestTimeout);
        }
        this.requestTimeout = requestTimeout;
    }

    /** An HTTP/1.1 client that follows no redirect, for a {@link LoadGenerator}. */
    static HttpClient http11Client(Duration connectTimeout) {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
    }

    /**
     * Runs one step: {@code connections} closed loops for {@code duration}, then waits for them to
     * stop. Returns only once every connection thread has ended.
     *
     * @throws IllegalArgumentException if {@code connections} or {@code duration} is not positive
     * @throws IllegalStateException if the plan threw or built a request the client rejects (the
     *     step then stops early), or a connection did not stop when interrupted
     * @throws InterruptedException if the calling thread is interrupted; the connections are then
     *     interrupted and waited for before this is thrown
     */
    LoadResult run(String stepName, int connections, Duration duration, RequestPlan plan, ProgressListener progress)
            throws InterruptedException {
        requireNonNull(stepName, "stepName");
        requireNonNull(plan, "plan");
        requireNonNull(progress, "progress");
        if (connections <= 0) {
            throw new IllegalArgumentException("connections must be positive: " + connections);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive: " + duration);
        }
        LoadRecorder recorder = new LoadRecorder();
        Queue<RuntimeException> failures = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>(connections);
        long start = System.nanoTime();
        long deadline = start + duration.toNanos();
        long lastSample;
        boolean completed = false;
        try {
            for (int i = 0; i < connections; i++) {
                int connection = i;
                Thread thread = new Thread(
                        () -> loop(connection, plan, deadline, recorder, failures), "drill-" + stepName + "-" + i);
                thread.setDaemon(true);
                threads.add(thread);
                thread.start();
            }
            lastSample = reportWhileRunning(stepName, start, deadline, recorder, failures, progress);
            long graceEnd = deadline + requestTimeout.toNanos();
            for (Thread thread : threads) {
                NANOSECONDS.timedJoin(thread, Math.max(0, graceEnd - System.nanoTime()));
            }
            completed = true;
        } finally {
            if (!completed) {
                interruptAndJoin(threads);
            }
        }
        if (!interruptAndJoin(threads)) {
            throw new IllegalStateException("step " + stepName + ": a connection did not stop when interrupted");
        }
        long end = System.nanoTime();
        TimelinePoint last = recorder.sample();
        long totalMillis = duration.toMillis();
        progress.onProgress(
                stepName,
                Math.max(NANOSECONDS.toMillis(end - start), totalMillis),
                totalMillis,
                recorder.sampledResponses(),
                perSecond(last.requests(), end - lastSample),
                recorder.sampledNonSuccess());
        RuntimeException failure = failures.poll();
        if (failure != null) {
            IllegalStateException stepFailed = new IllegalStateException("step " + stepName + " failed", failure);
            failures.forEach(stepFailed::addSuppressed);
            throw stepFailed;
        }
        return recorder.result(stepName, Duration.ofNanos(end - start));
    }

    /** Samples about once per second until the deadline; returns when it last sampled. */
    private static long reportWhileRunning(
            String stepName,
            long start,
            long deadline,
            LoadRecorder recorder,
            Queue<RuntimeException> failures,
            ProgressListener progress)
            throws InterruptedException {
        long totalMillis = NANOSECONDS.toMillis(deadline - start);
        long lastSample = start;
        for (long next = start + SAMPLE_NANOS; next - deadline < 0 && failures.isEmpty(); next += SAMPLE_NANOS) {
            NANOSECONDS.sleep(next - System.nanoTime());
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                break; // woke late: the rest goes to the last bucket
            }
            TimelinePoint point = recorder.sample();
            progress.onProgress(
                    stepName,
                    NANOSECONDS.toMillis(now - start),
                    totalMillis,
                    recorder.sampledResponses(),
                    perSecond(point.requests(), now - lastSample),
                    recorder.sampledNonSuccess());
            lastSample = now;
        }
        return lastSample;
    }

    /** One connection: asks, sends and records until the deadline, a failure or an interrupt. */
    private void loop(
            int connection, RequestPlan plan, long deadline, LoadRecorder recorder, Queue<RuntimeException> failures) {
        try {
            for (long sequence = 0; System.nanoTime() - deadline < 0 && failures.isEmpty(); sequence++) {
                if (!send(plan.next(connection, sequence), recorder)) {
                    return;
                }
            }
        } catch (RuntimeException e) {
            failures.add(e);
        }
    }

    /** Sends one request and records its outcome; returns false if interrupted. */
    private boolean send(DrillRequest request, LoadRecorder recorder) {
        String body = request.body();
        HttpRequest.Builder builder = HttpRequest.newBuilder(baseUri.resolve(request.path()))
                .timeout(requestTimeout)
                .method(request.method(), body == null ? BodyPublishers.noBody() : BodyPublishers.ofString(body));
        request.headers().forEach(builder::header);
        HttpRequest http = builder.build();
        long start = System.nanoTime();
        try {
            HttpResponse<Void> response = client.send(http, BodyHandlers.discarding());
            long micros = NANOSECONDS.toMicros(System.nanoTime() - start);
            HttpHeaders headers = response.headers();
            recorder.recordResponse(
                    request,
                    response.statusCode(),
                    micros,
                    headers.firstValue(CACHE_HEADER).orElse(null),
                    headers.firstValue(DEGRADED_HEADER).isPresent());
            return true;
        } catch (HttpTimeoutException e) {
            recorder.recordTimeout(request);
            return true;
        } catch (IOException e) {
            recorder.recordError(request);
            return true;
        } catch (InterruptedException e) {
            // Only a run interrupts its connections, once the request has had its timeout past the end.
            recorder.recordTimeout(request);
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Interrupts the threads still alive and waits up to {@link #STOP_NANOS} for all to end; keeps
     * the caller's interrupt status. Returns whether all ended.
     */
    private static boolean interruptAndJoin(List<Thread> threads) {
        threads.stream().filter(Thread::isAlive).forEach(Thread::interrupt);
        long until = System.nanoTime() + STOP_NANOS;
        boolean interrupted = false;
        for (Thread thread : threads) {
            try {
                NANOSECONDS.timedJoin(thread, Math.max(0, until - System.nanoTime()));
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return threads.stream().noneMatch(Thread::isAlive);
    }

    private static double perSecond(long count, long nanos) {
        return nanos <= 0 ? 0 : count * 1e9 / nanos;
    }
}
