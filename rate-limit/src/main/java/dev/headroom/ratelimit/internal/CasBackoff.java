package dev.headroom.ratelimit.internal;

/**
 * What a thread does after losing a compare-and-set on a state that another thread keeps writing:
 * it stays off the cache line for a short, fixed spin before it reads the state again.
 *
 * <p>Retrying at once does not make two threads on one key faster: every write moves the line from
 * one core to the other, and the retry that reads it back takes it from the winner mid-decision. On
 * a 2-vCPU AMD EPYC guest, a loop of one clock read and one compare-and-set on a shared word ran at
 * about 13 million a second on two threads retrying at once, against 23 million on one thread
 * alone. A spin gives the winner a few decisions with the line in its own cache.
 *
 * <p>The spin is fixed, not exponential: a thread that lost several times in a row waits no longer
 * than one that lost once, so it is not pushed behind a thread that keeps winning (an exponential
 * backoff measured on that guest let the losing thread do as little as a seventh of the other's
 * decisions; {@code parkNanos(1)} left it almost none). It is {@value #SPINS} {@link
 * Thread#onSpinWait()} hints, about 1.6 µs on that guest (the x86 {@code PAUSE} instruction's
 * length varies by processor, from a few cycles to about 140), so a decision that lost waits
 * microseconds, not the 50 µs timer slack that Linux rounds a {@code parkNanos(1)} up to. It never
 * blocks and never yields the processor.
 */
final class CasBackoff {

    /** Spin-wait hints per lost compare-and-set. */
    static final int SPINS = 64;

    private CasBackoff() {}

    /** Spins for {@link #SPINS} hints; call after a lost compare-and-set, before reading again. */
    static void afterLostRace() {
        for (int i = 0; i < SPINS; i++) {
            Thread.onSpinWait();
        }
    }
}
