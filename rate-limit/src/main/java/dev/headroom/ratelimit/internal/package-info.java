/** Implementation of the rate limiters; not exported, may change at any time. */
@NullMarked
package dev.headroom.ratelimit.internal;

import org.jspecify.annotations.NullMarked;
