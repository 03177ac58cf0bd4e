package io.infinisst.stream.ingress;

/** A request the API refuses; becomes HTTP {@code status} with body {@code {"error": message}}. */
public final class ApiException extends RuntimeException {
    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    static ApiException unknownSession(String sessionId) {
        return new ApiException(404, "unknown session_id '" + sessionId + "'");
    }
}
