/** The retry loop, synchronous and asynchronous, and the retry budget. */
@NullMarked
package dev.headroom.breaker.internal.retry;

import org.jspecify.annotations.NullMarked;
