package io.openfdm.bridge.web;

import com.sun.net.httpserver.HttpExchange;
import io.openfdm.datastore.json.FdmJson;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** Writes the API's answers: JSON in the project's one Jackson configuration, never cached. */
final class JsonReply {
    private JsonReply() {
    }

    /** Sends {@code body} as JSON with {@code status}. */
    static void send(HttpExchange ex, int status, Object body) throws IOException {
        byte[] bytes = FdmJson.mapper().writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Sends {@code {"error": message}} with {@code status}. */
    static void error(HttpExchange ex, int status, String message) throws IOException {
        send(ex, status, Map.of("error", message));
    }
}
