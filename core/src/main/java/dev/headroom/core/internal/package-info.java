/**
 * Plumbing that Headroom's modules share and users never see: the default executor. Exported only
 * to Headroom's own modules; may change at any time.
 */
@NullMarked
package dev.headroom.core.internal;

import org.jspecify.annotations.NullMarked;
