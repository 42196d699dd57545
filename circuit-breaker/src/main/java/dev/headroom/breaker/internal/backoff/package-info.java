/** The strategies behind {@link dev.headroom.breaker.Backoff}'s factories. */
@NullMarked
package dev.headroom.breaker.internal.backoff;

import org.jspecify.annotations.NullMarked;
