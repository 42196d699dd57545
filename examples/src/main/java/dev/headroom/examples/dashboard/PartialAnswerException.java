package dev.headroom.examples.dashboard;

/**
 * A page whose non-critical widgets could not be computed: it carries the page with those widgets
 * degraded, to serve if nothing better is cached. Thrown from a cache loader so the partial page is
 * never cached.
 */
final class PartialAnswerException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String partialBody;

    PartialAnswerException(String partialBody) {
        super("some widgets are degraded", null, false, false);
        this.partialBody = partialBody;
    }

    String partialBody() {
        return partialBody;
    }
}
