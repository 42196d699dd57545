package dev.headroom.ratelimit.spi;

/**
 * A measure of a dependency's or a service's health that an adaptive limit follows: implement it
 * to drive an {@link dev.headroom.ratelimit.AimdLimiter} from anything (a queue's depth, a pool's
 * waiting threads, an error rate). Called from request threads at most once per adjustment
 * interval; it must be cheap, thread-safe and must not throw.
 */
@FunctionalInterface
public interface HealthSignal {

    /**
     * Says whether the dependency is overloaded now.
     *
     * @return true to shrink the limit, false to let it grow
     */
    boolean isOverloaded();
}
