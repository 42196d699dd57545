/**
 * How values cross Redis: a {@link dev.headroom.core.codec.Codec} turns a value into bytes, and
 * {@link dev.headroom.core.codec.EnvelopeCodec} wraps those bytes in a small versioned envelope
 * that names the codec, records when and how slowly the value was computed, and compresses large
 * payloads. Bytes that do not decode fail with a typed {@link
 * dev.headroom.core.codec.CodecException}; nothing is ever read back through Java serialization.
 *
 * <p>{@link dev.headroom.core.codec.Codec} may be implemented by users for their own formats.
 */
@NullMarked
package dev.headroom.core.codec;

import org.jspecify.annotations.NullMarked;
