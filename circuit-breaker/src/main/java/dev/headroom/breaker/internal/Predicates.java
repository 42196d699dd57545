package dev.headroom.breaker.internal;

import dev.headroom.breaker.CallRejectedException;
import java.util.concurrent.CancellationException;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** The default record, ignore and retry rules, named so that configurations print readably. */
public final class Predicates {

    private Predicates() {}

    /**
     * Returns a rule that matches every throwable.
     *
     * @return the rule
     */
    public static Predicate<Throwable> anyThrowable() {
        return Named.ANY_THROWABLE;
    }

    /**
     * Returns a rule that matches every {@link Exception}, not {@link Error}s.
     *
     * @return the rule
     */
    public static Predicate<Throwable> anyException() {
        return Named.ANY_EXCEPTION;
    }

    /**
     * Returns a rule that matches {@link CancellationException} and {@link InterruptedException}:
     * the call was abandoned, which says nothing about the dependency.
     *
     * @return the rule
     */
    public static Predicate<Throwable> cancellation() {
        return Named.CANCELLATION;
    }

    /**
     * Returns the breaker's default ignore rule: cancellation, and refusals by inner guards
     * ({@link CallRejectedException}), since neither says anything about the dependency.
     *
     * @return the rule
     */
    public static Predicate<Throwable> notAboutTheDependency() {
        return Named.NOT_ABOUT_THE_DEPENDENCY;
    }

    /**
     * Returns the default retry rule: every {@link Exception} except local refusals and
     * cancellation.
     *
     * @return the rule
     */
    public static Predicate<Throwable> retryable() {
        return Named.RETRYABLE;
    }

    /**
     * Returns a rule that matches no result.
     *
     * @return the rule
     */
    public static Predicate<@Nullable Object> noResult() {
        return NoResult.INSTANCE;
    }

    private enum Named implements Predicate<Throwable> {
        ANY_THROWABLE {
            @Override
            public boolean test(Throwable error) {
                return true;
            }
        },
        ANY_EXCEPTION {
            @Override
            public boolean test(Throwable error) {
                return error instanceof Exception;
            }
        },
        CANCELLATION {
            @Override
            public boolean test(Throwable error) {
                return error instanceof CancellationException || error instanceof InterruptedException;
            }
        },
        NOT_ABOUT_THE_DEPENDENCY {
            @Override
            public boolean test(Throwable error) {
                return error instanceof CallRejectedException || CANCELLATION.test(error);
            }
        },
        RETRYABLE {
            @Override
            public boolean test(Throwable error) {
                return error instanceof Exception
                        && !(error instanceof CallRejectedException)
                        && !CANCELLATION.test(error);
            }
        }
    }

    private enum NoResult implements Predicate<@Nullable Object> {
        INSTANCE;

        @Override
        public boolean test(@Nullable Object result) {
            return false;
        }
    }
}
