package io.openfdm.vsphere.soap;

import com.vmware.vim25.ws.Argument;
import com.vmware.vim25.ws.SoapClient;

import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.rmi.RemoteException;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * yavijava's SOAP transport, replaced: one HTTP POST per vSphere API call over
 * {@link HttpURLConnection}, with
 * <ul>
 *   <li>a per-connection trust-all socket factory and host name verifier when insecure (yavijava's
 *       own {@code TrustAllSSL} changes the JVM-wide defaults);</li>
 *   <li>connect and read timeouts on every call, and a per-thread read timeout for long polls
 *       ({@code WaitForUpdatesEx});</li>
 *   <li>a counter of calls sent (the "number of API calls" of the benchmarks);</li>
 *   <li>the session cookie kept from the first answer that sets one;</li>
 *   <li>a SOAP fault whose type yavijava 6.0 does not know still named: the raw fault type and
 *       fault string are kept in a {@link UnparsedFault}.</li>
 * </ul>
 * Marshalling and unmarshalling stay yavijava's ({@code XmlGenDom}).
 */
final class VimHttpClient extends SoapClient {
    private static final Pattern FAULT_TYPE = Pattern.compile("<detail>\\s*<\\w*:?\\w+\\s+[^>]*type=\"(?:\\w+:)?(\\w+)\"");
    /** An element whose {@code xsi:type} comes before its own {@code type} attribute (see {@link #mendAttributeOrder}). */
    private static final Pattern XSI_TYPE_FIRST = Pattern.compile(
            "(<[\\w:]+(?:\\s+xmlns:[\\w-]+=\"[^\"]*\")*)(\\s+[\\w-]+:type=\"[^\"]*\")(\\s+type=\"[^\"]*\")");
    private static final Pattern FAULT_STRING = Pattern.compile("<faultstring>(.*?)</faultstring>", Pattern.DOTALL);

    private final SSLSocketFactory insecureSockets;
    private final AtomicLong calls;
    private final ThreadLocal<Integer> readTimeoutOverrideMs = new ThreadLocal<>();

    VimHttpClient(URL url, boolean insecure, int connectTimeoutMs, int readTimeoutMs, AtomicLong calls) {
        this.baseUrl = url;
        this.connectTimeout = connectTimeoutMs;
        this.readTimeout = readTimeoutMs;
        this.calls = calls;
        this.insecureSockets = insecure ? trustAll() : null;
    }

    /** Runs {@code work} on this thread with another read timeout, milliseconds (for long polls). */
    <T> T withReadTimeout(int readTimeoutMs, IoCall<T> work) throws RemoteException {
        Integer before = readTimeoutOverrideMs.get();
        readTimeoutOverrideMs.set(readTimeoutMs);
        try {
            return work.call();
        } finally {
            if (before == null) {
                readTimeoutOverrideMs.remove();
            } else {
                readTimeoutOverrideMs.set(before);
            }
        }
    }

    @FunctionalInterface
    interface IoCall<T> {
        T call() throws RemoteException;
    }

    @Override
    public Object invoke(String methodName, Argument[] paras, String returnType) throws RemoteException {
        byte[] body = mendAttributeOrder(post(marshall(methodName, paras)));
        try {
            return unMarshall(returnType, new ByteArrayInputStream(body));
        } catch (RemoteException e) {
            if (e.getClass() == RemoteException.class) {
                // yavijava could not map the answer (a fault type newer than its 6.0 schema).
                throw unparsed(methodName, body, e);
            }
            throw e;
        } catch (Exception e) {
            throw unparsed(methodName, body, e);
        }
    }

    @Override
    public StringBuffer invokeAsString(String methodName, Argument[] paras) throws RemoteException {
        return new StringBuffer(new String(post(marshall(methodName, paras)), StandardCharsets.UTF_8));
    }

    /**
     * A reference inside an {@code xsi:type}d value reads {@code <val xsi:type="ManagedObjectReference"
     * type="HostSystem">host-21</val>} (vcsim spells the prefix {@code XMLSchema-instance:}). yavijava asks dom4j for the attribute {@code type} by local
     * name and gets the first one, which is {@code xsi:type} when the server writes it first (govmomi's
     * vcsim does; vCenter writes {@code type} first). Swapping the two makes both read alike.
     */
    static byte[] mendAttributeOrder(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (!text.contains(":type=\"ManagedObjectReference\" type=")) {
            return body;
        }
        return XSI_TYPE_FIRST.matcher(text).replaceAll("$1$3$2").getBytes(StandardCharsets.UTF_8);
    }

    private RemoteException unparsed(String methodName, byte[] body, Exception cause) {
        String text = new String(body, StandardCharsets.UTF_8);
        Matcher type = FAULT_TYPE.matcher(text);
        Matcher message = FAULT_STRING.matcher(text);
        if (type.find()) {
            return new UnparsedFault(type.group(1), message.find() ? message.group(1) : methodName + " failed", cause);
        }
        return new RemoteException(methodName + ": cannot read the answer: " + cause.getMessage(), cause);
    }

    private byte[] post(String soapMessage) throws RemoteException {
        calls.incrementAndGet();
        try {
            HttpURLConnection con = (HttpURLConnection) baseUrl.openConnection();
            if (con instanceof HttpsURLConnection https && insecureSockets != null) {
                https.setSSLSocketFactory(insecureSockets);
                https.setHostnameVerifier(ANY_HOST);
            }
            con.setConnectTimeout(connectTimeout);
            Integer override = readTimeoutOverrideMs.get();
            con.setReadTimeout(override != null ? override : readTimeout);
            con.setRequestMethod("POST");
            con.setDoOutput(true);
            con.setDoInput(true);
            con.setRequestProperty("SOAPAction", soapAction == null ? "" : soapAction);
            con.setRequestProperty("Content-Type", "text/xml; charset=utf-8");
            String sessionCookie = cookie;
            if (sessionCookie != null) {
                con.setRequestProperty("Cookie", sessionCookie);
            }
            try (OutputStream out = con.getOutputStream()) {
                out.write(soapMessage.getBytes(StandardCharsets.UTF_8));
            }
            int status = con.getResponseCode();
            InputStream in = status >= 400 ? con.getErrorStream() : con.getInputStream();
            if (in == null) {
                throw new RemoteException("HTTP " + status + " from " + baseUrl + " without a body");
            }
            byte[] body;
            try (in) {
                body = in.readAllBytes();
            }
            if (sessionCookie == null) {
                String set = con.getHeaderField("Set-Cookie");
                if (set != null) {
                    cookie = set.split(";", 2)[0];
                }
            }
            return body;
        } catch (IOException e) {
            throw new RemoteException(e.getClass().getSimpleName() + " from " + baseUrl + ": " + e.getMessage(), e);
        }
    }

    private static final HostnameVerifier ANY_HOST = (host, session) -> true;

    private static SSLSocketFactory trustAll() {
        TrustManager[] trustAll = {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
                // insecure mode: every certificate is accepted (self-signed vcsim / lab vCenter)
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
                // insecure mode: every certificate is accepted (self-signed vcsim / lab vCenter)
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }};
        try {
            SSLContext tls = SSLContext.getInstance("TLS");
            tls.init(null, trustAll, null);
            return tls.getSocketFactory();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no TLS in this JVM", e);
        }
    }
}
