package dev.headroom.examples.dashboard;

/** A request the service answers with an error status and a JSON body naming the problem. */
final class ApiException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;
    private final String message;

    ApiException(int status, String message) {
        super(message, null, false, false);
        this.status = status;
        this.message = message;
    }

    /** The problem, as the response body states it. */
    String problem() {
        return message;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    int status() {
        return status;
    }
}
