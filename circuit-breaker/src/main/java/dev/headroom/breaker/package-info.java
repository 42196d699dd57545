/**
 * Keeps one failing or slow dependency from taking a service down.
 *
 * <ul>
 *   <li>{@link dev.headroom.breaker.CircuitBreaker}: stops calling a dependency that fails or is
 *       slow, probes it, and lets traffic back when it recovers.
 *   <li>{@link dev.headroom.breaker.Retry} with a reusable {@link dev.headroom.breaker.Backoff}
 *       and a {@link dev.headroom.breaker.RetryBudget}, so retries cannot multiply an outage.
 *   <li>{@link dev.headroom.breaker.TimeLimiter}: bounds how long a call may take and stops the
 *       work when it is late.
 *   <li>{@link dev.headroom.breaker.Bulkhead}: bounds concurrent calls, queues with CoDel-style
 *       timeouts and sheds the lowest {@link dev.headroom.breaker.Priority} first.
 *   <li>{@link dev.headroom.breaker.AdaptiveThrottle}: rejects locally, as in the Google SRE book,
 *       when the dependency rejects much of what it is sent.
 *   <li>{@link dev.headroom.breaker.DependencyRegistry}: named dependencies whose health comes from
 *       their breakers, and "the primary answer, or this degraded one".
 *   <li>{@link dev.headroom.breaker.ResiliencePipeline}: the one documented way to stack them.
 * </ul>
 *
 * <p>Every component has a non-throwing hot path that returns a decision ({@link
 * dev.headroom.breaker.BreakerPermit}, {@link dev.headroom.breaker.BulkheadPermit}) and convenience wrappers ({@link
 * dev.headroom.breaker.Guard}) that throw unchecked exceptions without stack traces. Time comes
 * from an injected {@link dev.headroom.core.Ticker} or {@link dev.headroom.core.Scheduler};
 * tests drive both by hand ({@link dev.headroom.core.ManualTicker}, {@link
 * dev.headroom.core.ManualScheduler}).
 */
@NullMarked
package dev.headroom.breaker;

import org.jspecify.annotations.NullMarked;
