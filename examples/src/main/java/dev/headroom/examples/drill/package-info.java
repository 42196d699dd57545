/**
 * The reusable half of the traffic drill: a closed-loop HTTP load generator that a request plan
 * drives, the immutable result of one step (latency percentiles from HdrHistogram, status, cache
 * and per-client counts, a per-second timeline), and the report that renders step rows as a text
 * table, a Markdown table and one self-contained HTML file.
 */
@NullMarked
package dev.headroom.examples.drill;

import org.jspecify.annotations.NullMarked;
