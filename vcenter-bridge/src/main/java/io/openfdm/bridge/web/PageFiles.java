package io.openfdm.bridge.web;

import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The plugin page: a fixed set of static files ({@code index.html}, {@code app.js},
 * {@code style.css}, {@code favicon.svg}) read once from this package's {@code page/} resources.
 * No build step and nothing from other sites: the Content-Security-Policy allows this origin only.
 */
final class PageFiles {
    static final String RESOURCE_DIR = "page/";
    private static final Map<String, String> TYPES = Map.of(
            "index.html", "text/html; charset=utf-8",
            "app.js", "text/javascript; charset=utf-8",
            "style.css", "text/css; charset=utf-8",
            "favicon.svg", "image/svg+xml");
    private static final String CSP = "default-src 'self'; img-src 'self' data:; object-src 'none'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final Map<String, byte[]> files = new LinkedHashMap<>();

    /** @throws UncheckedIOException if a page file is missing from the jar (a packaging bug) */
    PageFiles() {
        for (String name : TYPES.keySet()) {
            try (InputStream in = PageFiles.class.getResourceAsStream(RESOURCE_DIR + name)) {
                if (in == null) {
                    throw new UncheckedIOException(new IOException("plugin page file missing from the classpath: "
                            + PageFiles.class.getPackageName().replace('.', '/') + "/" + RESOURCE_DIR + name));
                }
                files.put(name, in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read plugin page file " + name, e);
            }
        }
    }

    /** Answers a request outside {@code /api/}: {@code GET}/{@code HEAD} of a page file, else 404/405. */
    void handle(HttpExchange ex, String path) throws IOException {
        String name = path.equals("/") ? "index.html" : path.substring(1);
        byte[] body = files.get(name);
        if (body == null) {
            text(ex, 404, "no page " + path + "\n");
            return;
        }
        String method = ex.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            ex.getResponseHeaders().set("Allow", "GET, HEAD");
            text(ex, 405, method + " not allowed on " + path + "\n");
            return;
        }
        ex.getResponseHeaders().set("Content-Type", TYPES.get(name));
        ex.getResponseHeaders().set("Content-Security-Policy", CSP);
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        ex.getResponseHeaders().set("X-Frame-Options", "DENY");
        ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        if (method.equals("HEAD")) {
            ex.sendResponseHeaders(200, -1);
            return;
        }
        ex.sendResponseHeaders(200, body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }

    private static void text(HttpExchange ex, int status, String message) throws IOException {
        byte[] bytes = message.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
