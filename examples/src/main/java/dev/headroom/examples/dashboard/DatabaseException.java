package dev.headroom.examples.dashboard;

/** A database call failed, timed out or was refused by the open breaker. */
final class DatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DatabaseException(String message, Throwable cause) {
        super(message, cause);
    }
}
