package dev.headroom.jobs.internal.durable;

import dev.headroom.core.Ticker;
import dev.headroom.core.codec.CodecException;
import dev.headroom.core.codec.EnvelopeCodec;
import dev.headroom.jobs.JobHandler;
import dev.headroom.jobs.PermanentJobFailure;
import org.jspecify.annotations.Nullable;

/**
 * Runs one attempt of a job: decodes its payload, calls the handler, encodes the result. Whatever
 * user code throws there (the handler, the payload codec, the result codec), short of a {@link
 * VirtualMachineError}, ends the attempt as {@link Failed}: permanently for an unreadable payload or
 * result ({@link CodecException}) and for {@link PermanentJobFailure}, else to be retried by the
 * job's backoff or dead-lettered after its last attempt.
 */
final class JobExecution<P, R> {

    private final JobHandler<P, R> handler;
    private final EnvelopeCodec<P> payloads;
    private final EnvelopeCodec<R> results;
    private final Ticker ticker;

    JobExecution(JobHandler<P, R> handler, EnvelopeCodec<P> payloads, EnvelopeCodec<R> results, Ticker ticker) {
        this.handler = handler;
        this.payloads = payloads;
        this.results = results;
        this.ticker = ticker;
    }

    /** What one attempt came to. */
    sealed interface Outcome permits Succeeded, Failed {}

    /**
     * The handler returned.
     *
     * @param result the encoded result, or null for none
     */
    @SuppressWarnings("ArrayRecordComponent") // internal carrier; never compared or hashed
    record Succeeded(byte @Nullable [] result) implements Outcome {}

    /**
     * The attempt failed.
     *
     * @param error what went wrong, as stored with the job
     * @param permanent whether the job fails for good, whatever attempts it has left
     * @param retryDelayMs the backoff before the next attempt, if there is one
     */
    record Failed(String error, boolean permanent, long retryDelayMs) implements Outcome {}

    /**
     * Runs the attempt.
     *
     * @throws VirtualMachineError as thrown: the JVM cannot be trusted to record anything
     */
    Outcome run(ActiveJob<P> job) {
        try {
            job.payload(payloads.decode(job.leased().payload()).value());
        } catch (CodecException e) {
            return new Failed("undecodable payload: " + e.getMessage(), true, 0);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            return retry(job, "payload codec failed: ", e);
        }
        R result;
        try {
            result = handler.handle(job);
        } catch (PermanentJobFailure e) {
            return new Failed(e.getMessage() == null ? "permanent failure" : e.getMessage(), true, 0);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            return retry(job, "", e);
        }
        try {
            return new Succeeded(result == null ? null : results.encode(result, ticker.wallMillis(), 0));
        } catch (CodecException e) {
            return new Failed("unencodable result: " + e.getMessage(), true, 0);
        } catch (VirtualMachineError e) {
            throw e;
        } catch (Throwable e) {
            return retry(job, "result codec failed: ", e);
        }
    }

    private static Failed retry(ActiveJob<?> job, String where, Throwable e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        long delayMs =
                BackoffSpec.decode(job.leased().backoff()).delay(job.attempt()).toMillis();
        return new Failed(where + e, false, delayMs);
    }
}
