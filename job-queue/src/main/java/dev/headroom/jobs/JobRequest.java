package dev.headroom.jobs;

/**
 * One job of {@link JobQueue#addBulk}.
 *
 * @param payload the job's payload
 * @param options how to add it
 * @param <P> the payload type
 */
public record JobRequest<P>(P payload, JobOptions options) {

    /**
     * Returns a request with the default options.
     *
     * @param payload the payload
     * @param <P> the payload type
     * @return the request
     */
    public static <P> JobRequest<P> of(P payload) {
        return new JobRequest<>(payload, JobOptions.ofDefaults());
    }
}
