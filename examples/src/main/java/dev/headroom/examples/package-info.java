/** Runs the examples: the dashboard service alone, or with the traffic drill against it. */
@NullMarked
package dev.headroom.examples;

import org.jspecify.annotations.NullMarked;
