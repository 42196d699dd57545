package dev.headroom.breaker;

/**
 * A {@link Bulkhead} refused a call; thrown only by its convenience wrappers. Carries the
 * bulkhead's name, the reason and the request's priority; has no stack trace. Instances are
 * immutable and reused.
 */
public final class BulkheadRejectedException extends CallRejectedException {

    private static final long serialVersionUID = 1L;

    private final BulkheadRejection rejection;
    private final Priority priority;

    /**
     * Creates the exception.
     *
     * @param bulkheadName the bulkhead's name
     * @param rejection why the call was refused
     * @param priority the call's priority
     */
    public BulkheadRejectedException(String bulkheadName, BulkheadRejection rejection, Priority priority) {
        super(bulkheadName, "Bulkhead '" + bulkheadName + "' refused a " + priority + " call: " + rejection);
        this.rejection = rejection;
        this.priority = priority;
    }

    /**
     * Returns why the call was refused.
     *
     * @return the reason
     */
    public BulkheadRejection rejection() {
        return rejection;
    }

    /**
     * Returns the refused call's priority.
     *
     * @return the priority
     */
    public Priority priority() {
        return priority;
    }
}
