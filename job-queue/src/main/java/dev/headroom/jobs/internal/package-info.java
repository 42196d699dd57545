/** Implementation of the job queues; not exported, not an API. */
@NullMarked
package dev.headroom.jobs.internal;

import org.jspecify.annotations.NullMarked;
