package dev.headroom.cache.internal;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Unwraps the exceptions futures wrap around a failure. */
final class Failures {

    private Failures() {}

    /** The failure inside any {@link CompletionException} and {@link ExecutionException} layers. */
    static Throwable unwrap(Throwable error) {
        Throwable current = error;
        while (current instanceof CompletionException || current instanceof ExecutionException) {
            Throwable cause = current.getCause();
            if (cause == null) {
                break;
            }
            current = cause;
        }
        return current;
    }
}
