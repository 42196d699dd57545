package dev.headroom.jobs;

/**
 * How many jobs of one queue are in each state, read at one instant.
 *
 * @param waiting jobs ready to run
 * @param delayed jobs waiting for a delay, a debounce window or a retry backoff
 * @param active jobs leased by workers
 * @param completed finished jobs still retained
 * @param failed failed jobs still retained
 * @param dead jobs in the dead-letter set
 */
public record QueueCounts(long waiting, long delayed, long active, long completed, long failed, long dead) {

    /**
     * Returns the jobs that have not finished.
     *
     * @return waiting + delayed + active
     */
    public long unfinished() {
        return waiting + delayed + active;
    }
}
