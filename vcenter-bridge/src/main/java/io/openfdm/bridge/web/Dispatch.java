package io.openfdm.bridge.web;

import com.sun.net.httpserver.HttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Optional;

/**
 * Every request's path through the server: the {@link RequestGuard} (403), then {@code /api/...}
 * to the {@link ClusterApi} and the rest to the {@link PageFiles}. A failure nobody planned for is
 * logged with its request and answered 500 {@code {"error": "internal error: ..."}}.
 */
final class Dispatch {
    private static final Logger LOG = LoggerFactory.getLogger(WebServer.class);

    private Dispatch() {
    }

    static void handle(HttpExchange ex, RequestGuard guard, ClusterApi api, PageFiles page) {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            try {
                Optional<String> refusal = guard.refusal(ex.getRequestMethod(), ex.getRequestHeaders());
                if (refusal.isPresent()) {
                    LOG.info("refused {} {}: {}", ex.getRequestMethod(), path, refusal.get());
                    JsonReply.error(ex, 403, refusal.get());
                } else if (path.equals("/api") || path.startsWith("/api/")) {
                    api.handle(ex, path);
                } else {
                    page.handle(ex, path);
                }
            } catch (RuntimeException e) {
                LOG.warn("request {} {} failed", ex.getRequestMethod(), path, e);
                JsonReply.error(ex, 500, "internal error: " + e);
            }
        } catch (IOException e) {
            // The client went away (or a reply was already under way): nothing left to answer.
            LOG.debug("request {} {} not answered: {}", ex.getRequestMethod(), ex.getRequestURI(), e.toString());
        }
    }
}
