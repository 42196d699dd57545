/**
 * The traffic drill: a closed-loop HTTP load generator with HdrHistogram latencies, the rollout
 * checklist's steps against the dashboard service, and the text, markdown and HTML reports.
 */
@NullMarked
package dev.headroom.examples.drill;

import org.jspecify.annotations.NullMarked;
