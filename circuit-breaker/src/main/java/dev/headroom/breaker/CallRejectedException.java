package dev.headroom.breaker;

/**
 * A guard refused a call without running it: the dependency was not called at all. Thrown only by
 * convenience wrappers; the hot-path APIs return the refusal as a value instead.
 *
 * <p>Unchecked, created without a stack trace (the component name and its state locate the
 * refusal), and cheap enough to throw under overload.
 */
public abstract class CallRejectedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String componentName;

    /**
     * Creates the exception.
     *
     * @param componentName the name of the guard that refused the call
     * @param message what refused it and why, for a log line
     */
    protected CallRejectedException(String componentName, String message) {
        super(message, null, false, false);
        this.componentName = componentName;
    }

    /**
     * Returns the name of the breaker, bulkhead or throttle that refused the call.
     *
     * @return the component's name
     */
    public String componentName() {
        return componentName;
    }
}
