package dev.headroom.breaker;

import java.util.Locale;

/**
 * An {@link AdaptiveThrottle} refused a call locally because its dependency has been rejecting
 * calls. Carries the throttle's name and the rejection probability at the time; has no stack
 * trace.
 */
public final class ThrottledException extends CallRejectedException {

    private static final long serialVersionUID = 1L;

    private final double rejectionProbability;

    /**
     * Creates the exception.
     *
     * @param throttleName the throttle's name
     * @param rejectionProbability the probability with which calls were being refused
     */
    public ThrottledException(String throttleName, double rejectionProbability) {
        super(
                throttleName,
                "AdaptiveThrottle '" + throttleName + "' refused the call locally (rejection probability "
                        + String.format(Locale.ROOT, "%.3f", rejectionProbability)
                        + ")");
        this.rejectionProbability = rejectionProbability;
    }

    /**
     * Returns the probability with which calls were being refused when this one was.
     *
     * @return a value in {@code (0, 1)}
     */
    public double rejectionProbability() {
        return rejectionProbability;
    }
}
