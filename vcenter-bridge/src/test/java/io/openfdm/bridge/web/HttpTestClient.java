package io.openfdm.bridge.web;

import com.fasterxml.jackson.databind.JsonNode;
import io.openfdm.datastore.json.FdmJson;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Plain HTTP calls against a {@link WebServer}, the way a script or a browser would make them. */
final class HttpTestClient {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final InetSocketAddress server;

    HttpTestClient(InetSocketAddress server) {
        this.server = server;
    }

    URI uri(String path) {
        return URI.create("http://" + server.getAddress().getHostAddress() + ":" + server.getPort() + path);
    }

    HttpResponse<String> get(String path, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), headers);
    }

    /** A POST with {@code X-FDM-Request: 1}, as the plugin page and the CLI send it. */
    HttpResponse<String> post(String path) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()), "X-FDM-Request", "1");
    }

    /** A PUT of a JSON body with {@code X-FDM-Request: 1}. */
    HttpResponse<String> putJson(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(json)),
                "X-FDM-Request", "1", "Content-Type", "application/json");
    }

    HttpResponse<String> send(String method, String path, String body, String... headers) {
        return send(HttpRequest.newBuilder(uri(path)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body)), headers);
    }

    private HttpResponse<String> send(HttpRequest.Builder b, String... headers) {
        if (headers.length > 0) {
            b.headers(headers);
        }
        try {
            return http.send(b.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * A request written by hand, for headers {@link HttpClient} will not send ({@code Host}).
     * Returns the whole response, status line first.
     */
    String raw(String method, String path, String... headerLines) {
        try (Socket s = new Socket(server.getAddress(), server.getPort())) {
            s.setSoTimeout(10_000);
            StringBuilder req = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            for (String h : headerLines) {
                req.append(h).append("\r\n");
            }
            req.append("Connection: close\r\nContent-Length: 0\r\n\r\n");
            OutputStream out = s.getOutputStream();
            out.write(req.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(HttpResponse<String> r) {
        try {
            return FdmJson.mapper().readTree(r.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + r.body(), e);
        }
    }
}
