/**
 * JMH benchmarks: one class per subject, {@code <Subject>Benchmark}, with one method per
 * implementation named after it in lower case ({@code headroom}, {@code lettuce}, ...), all in one
 * run against one Redis so that results compare as ratios. See {@code benchmarks/README.md}.
 */
@NullMarked
package dev.headroom.benchmarks;

import org.jspecify.annotations.NullMarked;
