package io.openfdm.bridge.web;

/**
 * A request the API refuses before or instead of calling the bridge: the HTTP status and the
 * message of the {@code {"error": ...}} body (which names the offending field or header).
 */
final class ApiRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String allow;

    ApiRefusal(int status, String message) {
        this(status, message, null);
    }

    private ApiRefusal(int status, String message, String allow) {
        super(message);
        this.status = status;
        this.allow = allow;
    }

    /** 400: malformed input; {@code message} starts with the field's name. */
    static ApiRefusal badInput(String field, String problem) {
        return new ApiRefusal(400, field + ": " + problem);
    }

    /** 405 with the {@code Allow} header. */
    static ApiRefusal wrongMethod(String path, String method, String allowed) {
        return new ApiRefusal(405, method + " not allowed on " + path + " (allowed: " + allowed + ")", allowed);
    }

    int status() {
        return status;
    }

    /** The {@code Allow} header for a 405, else null. */
    String allow() {
        return allow;
    }
}
