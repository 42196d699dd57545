/** The adaptive throttle: requests and accepts in rolling buckets, and the SRE formula over them. */
@NullMarked
package dev.headroom.breaker.internal.throttle;

import org.jspecify.annotations.NullMarked;
