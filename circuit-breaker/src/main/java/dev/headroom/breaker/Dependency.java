package dev.headroom.breaker;

import dev.headroom.breaker.internal.Calls;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A named dependency whose health comes from its circuit breaker, with "the primary answer, or
 * this degraded one" for features that can live without it: a recommendations widget that shows
 * bestsellers, a profile page without the activity feed. Obtained from {@link
 * DependencyRegistry#register(String, CircuitBreaker)}. Thread-safe.
 *
 * <p>While the breaker refuses calls, the degraded answer is given at once and the primary is not
 * called: an unhealthy dependency costs the request nothing. While it lets calls through, the
 * primary runs through the breaker, and a primary that throws also yields the degraded answer
 * (the breaker counts the failure). Errors propagate.
 */
public final class Dependency {

    private final String name;
    private final CircuitBreaker breaker;
    private final LongAdder degradedAnswers = new LongAdder();

    Dependency(String name, CircuitBreaker breaker) {
        this.name = name;
        this.breaker = breaker;
    }

    /**
     * Returns the name the dependency was registered under.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * Returns the breaker that guards the dependency.
     *
     * @return the breaker
     */
    public CircuitBreaker breaker() {
        return breaker;
    }

    /**
     * Returns how the dependency is doing now.
     *
     * @return the health its breaker's state means
     */
    public Health health() {
        return Health.of(breaker.state());
    }

    /**
     * Returns the primary's answer, or the degraded one if the breaker refuses or the primary
     * throws.
     *
     * @param <V> the answer type
     * @param primary computes the full answer by calling the dependency
     * @param degraded computes an answer without the dependency
     * @return one of the two answers
     */
    public <V extends @Nullable Object> V primaryOr(Supplier<V> primary, Supplier<V> degraded) {
        return answer(primary, degraded).value();
    }

    /**
     * Like {@link #primaryOr(Supplier, Supplier)}, but also says which answer it is and why, so a
     * page can mark a degraded widget.
     *
     * @param <V> the answer type
     * @param primary computes the full answer by calling the dependency
     * @param degraded computes an answer without the dependency
     * @return the answer with where it came from
     */
    public <V extends @Nullable Object> Answer<V> answer(Supplier<V> primary, Supplier<V> degraded) {
        try {
            return new Answer<>(breaker.supply(primary), null);
        } catch (RuntimeException failure) {
            degradedAnswers.increment();
            return new Answer<>(degraded.get(), failure);
        }
    }

    /**
     * Asynchronous {@link #primaryOr(Supplier, Supplier)}: the primary's stage through the breaker,
     * or the degraded answer if the breaker refuses or the stage fails.
     *
     * @param <V> the answer type
     * @param primary starts the full answer
     * @param degraded computes an answer without the dependency
     * @return a stage with one of the two answers
     */
    public <V extends @Nullable Object> CompletionStage<V> primaryOrAsync(
            Supplier<? extends CompletionStage<V>> primary, Supplier<V> degraded) {
        CompletableFuture<V> guarded = breaker.callAsync(primary).toCompletableFuture();
        CompletableFuture<V> answered = guarded.handle((value, error) -> {
            if (error == null) {
                return value;
            }
            degradedAnswers.increment();
            return degraded.get();
        });
        Calls.onCancellation(answered, () -> guarded.cancel(true));
        return answered;
    }

    /**
     * Returns how many degraded answers this dependency has given.
     *
     * @return a running total
     */
    public long degradedAnswers() {
        return degradedAnswers.sum();
    }

    @Override
    public String toString() {
        return "Dependency{" + name + ", " + health() + '}';
    }

    /**
     * An answer and where it came from.
     *
     * @param value the answer
     * @param failure why the degraded answer was given: a {@link CallNotPermittedException} if the
     *     breaker refused, else what the primary threw; null for the primary's answer
     * @param <V> the answer type
     */
    public record Answer<V extends @Nullable Object>(
            V value, @Nullable RuntimeException failure) {

        /**
         * Returns whether this is the degraded answer.
         *
         * @return true if the primary was refused or failed
         */
        public boolean isDegraded() {
            return failure != null;
        }
    }
}
