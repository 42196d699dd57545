/** The in-process coalescing queue's implementation. */
@NullMarked
package dev.headroom.jobs.internal.coalescing;

import org.jspecify.annotations.NullMarked;
