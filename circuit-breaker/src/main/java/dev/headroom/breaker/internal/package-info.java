/** Implementation shared by the breaker module's components. Not exported; may change at any time. */
@NullMarked
package dev.headroom.breaker.internal;

import org.jspecify.annotations.NullMarked;
