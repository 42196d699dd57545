package dev.headroom.breaker.internal.breaker;

import dev.headroom.breaker.BreakerPermit;
import org.jspecify.annotations.Nullable;

/** A permit whose reports change nothing: a refusal, or a pass-through while DISABLED. */
abstract class UnjudgedPermit implements BreakerPermit {

    @Override
    public final void onSuccess(long durationNanos) {}

    @Override
    public final void onResult(@Nullable Object result, long durationNanos) {}

    @Override
    public final void onError(Throwable error, long durationNanos) {}

    @Override
    public final void release() {}
}
