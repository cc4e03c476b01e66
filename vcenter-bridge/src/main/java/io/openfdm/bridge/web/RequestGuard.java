package io.openfdm.bridge.web;

import com.sun.net.httpserver.Headers;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who may talk to the bridge's HTTP server. The API has no login (it is loopback-only by default,
 * like the agents' admin endpoint), so the guard keeps other web sites a user visits from using the
 * user's browser against it:
 * <ol>
 *   <li><b>DNS rebinding:</b> unless remote access is allowed, the {@code Host} header must be a
 *       loopback name ({@code localhost}, {@code 127.x.y.z}, {@code [::1]}); a page of
 *       {@code evil.example} rebound to 127.0.0.1 still sends {@code Host: evil.example}.</li>
 *   <li><b>Cross-site requests:</b> a state-changing request ({@code POST}, {@code PUT},
 *       {@code PATCH}, {@code DELETE}) must carry the header {@value #REQUEST_HEADER} (any non-empty
 *       value; a cross-site form cannot set it, and a cross-site {@code fetch} with it needs a CORS
 *       preflight this server never grants); if the browser sends {@code Origin} it must be this
 *       server's own ({@code http://<Host>}); and {@code Sec-Fetch-Site}, when sent, must be
 *       {@code same-origin} or {@code none}.</li>
 * </ol>
 * A refusal is 403 with a message saying which rule.
 */
final class RequestGuard {
    /** The header every state-changing request carries ({@code X-FDM-Request: 1}). */
    static final String REQUEST_HEADER = "X-FDM-Request";

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private final boolean allowRemote;

    RequestGuard(boolean allowRemote) {
        this.allowRemote = allowRemote;
    }

    /** Why the request is refused, or empty when it may go on. */
    Optional<String> refusal(String method, Headers headers) {
        String host = headers.getFirst("Host");
        if (host == null || host.isBlank()) {
            return Optional.of("missing Host header");
        }
        if (!allowRemote && !isLoopbackHost(host)) {
            return Optional.of("Host " + host + " is not a loopback name; this bridge answers requests to "
                    + "localhost, 127.x.y.z or [::1] only");
        }
        if (SAFE_METHODS.contains(method)) {
            return Optional.empty();
        }
        String fetchSite = headers.getFirst("Sec-Fetch-Site");
        if (fetchSite != null && !fetchSite.equals("same-origin") && !fetchSite.equals("none")) {
            return Optional.of("cross-site request refused (Sec-Fetch-Site: " + fetchSite + ")");
        }
        String origin = headers.getFirst("Origin");
        if (origin != null && !origin.equalsIgnoreCase("http://" + host)) {
            return Optional.of("cross-origin request from " + origin + " refused; the plugin page's origin is http://" + host);
        }
        String marker = headers.getFirst(REQUEST_HEADER);
        if (marker == null || marker.isBlank()) {
            return Optional.of(method + " needs the header " + REQUEST_HEADER + ": 1 (protection against cross-site requests)");
        }
        return Optional.empty();
    }

    /** {@code localhost}, {@code 127.x.y.z} or {@code [::1]}, with or without a port. */
    static boolean isLoopbackHost(String hostHeader) {
        String h = hostHeader.trim().toLowerCase(Locale.ROOT);
        String name;
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            if (end < 0) {
                return false;
            }
            name = h.substring(1, end);
            return name.equals("::1") && portOnly(h.substring(end + 1));
        }
        int colon = h.indexOf(':');
        name = colon < 0 ? h : h.substring(0, colon);
        if (colon >= 0 && !portOnly(h.substring(colon))) {
            return false;
        }
        return name.equals("localhost") || LOOPBACK_V4.matcher(name).matches();
    }

    private static boolean portOnly(String rest) {
        return rest.isEmpty() || rest.matches(":\\d{1,5}");
    }
}
