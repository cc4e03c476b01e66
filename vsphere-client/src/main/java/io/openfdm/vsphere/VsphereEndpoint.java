package io.openfdm.vsphere;

import java.net.URI;
import java.util.Objects;

/**
 * Where and how to reach a vCenter or ESXi SOAP endpoint.
 *
 * @param url              the SDK URL, {@code https://vcenter.example/sdk} (a URL without a path
 *                         gets {@code /sdk}); user information in the URL is ignored
 * @param user             user name
 * @param password         password (never printed by {@link #toString()})
 * @param insecure         true to accept any server certificate and host name (self-signed
 *                         certificates of vcsim and lab vCenters); false uses the JVM's trust store
 * @param connectTimeoutMs TCP connect timeout of each HTTP call, milliseconds (&gt; 0)
 * @param readTimeoutMs    read timeout of each HTTP call, milliseconds (&gt; 0); a slower answer
 *                         fails with {@link VsphereException.Kind#TIMEOUT}
 */
public record VsphereEndpoint(URI url, String user, String password, boolean insecure, int connectTimeoutMs,
                              int readTimeoutMs) {
    /** Default connect timeout, milliseconds: a LAN vCenter answers a SYN in far less. */
    public static final int DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
    /** Default read timeout, milliseconds: vCenter answers property reads and task creation within seconds. */
    public static final int DEFAULT_READ_TIMEOUT_MS = 30_000;

    public VsphereEndpoint {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
        String scheme = url.getScheme();
        if (scheme == null || !(scheme.equals("https") || scheme.equals("http")) || url.getHost() == null) {
            throw new IllegalArgumentException("vSphere URL must be http(s)://host[:port][/sdk], was " + url);
        }
        if (url.getPath() == null || url.getPath().isEmpty() || url.getPath().equals("/")) {
            url = URI.create(scheme + "://" + url.getRawAuthority().replaceFirst("^.*@", "") + "/sdk");
        } else if (url.getRawUserInfo() != null) {
            url = URI.create(scheme + "://" + url.getRawAuthority().replaceFirst("^.*@", "") + url.getRawPath());
        }
        if (connectTimeoutMs <= 0 || readTimeoutMs <= 0) {
            throw new IllegalArgumentException("timeouts must be > 0 ms, were connect " + connectTimeoutMs
                    + " read " + readTimeoutMs);
        }
    }

    /** An endpoint with the default timeouts. */
    public static VsphereEndpoint of(URI url, String user, String password, boolean insecure) {
        return new VsphereEndpoint(url, user, password, insecure, DEFAULT_CONNECT_TIMEOUT_MS, DEFAULT_READ_TIMEOUT_MS);
    }

    public VsphereEndpoint withTimeouts(int newConnectTimeoutMs, int newReadTimeoutMs) {
        return new VsphereEndpoint(url, user, password, insecure, newConnectTimeoutMs, newReadTimeoutMs);
    }

    @Override
    public String toString() {
        return "VsphereEndpoint[" + user + "@" + url + (insecure ? " insecure" : "") + " connect " + connectTimeoutMs
                + " ms read " + readTimeoutMs + " ms]";
    }
}
