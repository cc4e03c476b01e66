package io.openfdm.vsphere.soap;

import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.ServiceContent;
import com.vmware.vim25.mo.ServiceInstance;
import com.vmware.vim25.ws.VimStub;
import io.openfdm.vsphere.MoRef;
import io.openfdm.vsphere.VsphereEndpoint;
import io.openfdm.vsphere.VsphereException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.MalformedURLException;
import java.net.URL;
import java.rmi.RemoteException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One logged-in vSphere API session. <b>Internal to vsphere-client</b>: its methods take and give
 * yavijava types; code outside this module uses {@link io.openfdm.vsphere.VsphereClient}.
 *
 * <p>Login: {@code RetrieveServiceContent} on {@code ServiceInstance}, then
 * {@code SessionManager.Login}. The session cookie lives in the {@link VimHttpClient}. When a call
 * fails with {@code NotAuthenticated} (the session expired, or vCenter restarted), the session logs
 * in again once with a new HTTP client and repeats the call; {@link #epoch()} counts logins so
 * that users of session-scoped server objects (property filters, container views) can recreate them.
 *
 * <p>Thread-safe: calls may run concurrently; a re-login is serialised.
 */
public final class Session implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Session.class);
    private static final ManagedObjectReference SERVICE_INSTANCE = mor("ServiceInstance", "ServiceInstance");

    private final VsphereEndpoint endpoint;
    private final URL url;
    private final AtomicLong calls = new AtomicLong();
    private volatile Login login;
    private volatile boolean closed;

    /** One login: the HTTP client with its session cookie, the stub and the service content. */
    private record Login(VimHttpClient client, VimStub vim, ServiceContent content, long epoch) {
    }

    /** A call on the logged-in stub. */
    @FunctionalInterface
    public interface VimCall<T> {
        T call(VimStub vim, ServiceContent content) throws RemoteException;
    }

    private Session(VsphereEndpoint endpoint) {
        this.endpoint = endpoint;
        try {
            this.url = endpoint.url().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("not a URL: " + endpoint.url(), e);
        }
    }

    /**
     * Connects and logs in.
     *
     * @throws VsphereException {@code AUTHENTICATION} for refused credentials ({@code InvalidLogin}),
     *                          {@code UNREACHABLE} / {@code TIMEOUT} when the endpoint does not answer
     */
    public static Session open(VsphereEndpoint endpoint) {
        Session s = new Session(endpoint);
        s.login = s.newLogin(1);
        return s;
    }

    public VsphereEndpoint endpoint() {
        return endpoint;
    }

    /** API calls sent over this session so far (every HTTP POST, logins and failed calls included). */
    public long apiCalls() {
        return calls.get();
    }

    /** Number of logins so far (1 after {@link #open}); changes when the session was re-established. */
    public long epoch() {
        return login.epoch();
    }

    /** The service content of the current login (root folder, property collector, view manager, ...). */
    public ServiceContent content() {
        return login.content();
    }

    /**
     * Runs one API call. On {@code NotAuthenticated} logs in again and repeats it once.
     *
     * @param what names the call for error messages ({@code PowerOnVM_Task vm-42})
     * @throws VsphereException for every failure, translated by {@link Faults}
     */
    public <T> T call(String what, VimCall<T> call) {
        return callWithReadTimeout(what, 0, call);
    }

    /**
     * As {@link #call}, with this call's HTTP read timeout set to {@code readTimeoutMs} (0: the
     * endpoint's); for {@code WaitForUpdatesEx}, which may legally hold the answer back for its
     * {@code maxWaitSeconds}.
     */
    public <T> T callWithReadTimeout(String what, int readTimeoutMs, VimCall<T> call) {
        if (closed) {
            throw new VsphereException(VsphereException.Kind.FAULT, "SessionClosed", what + ": session closed", null);
        }
        Login current = login;
        try {
            return invoke(current, readTimeoutMs, call);
        } catch (RemoteException | RuntimeException e) {
            if (!Faults.isNotAuthenticated(e)) {
                throw Faults.translate(what, e);
            }
            LOG.info("vSphere session at {} is no longer authenticated; logging in again", endpoint.url());
            Login renewed = relogin(current);
            try {
                return invoke(renewed, readTimeoutMs, call);
            } catch (RemoteException | RuntimeException again) {
                throw Faults.translate(what, again);
            }
        }
    }

    private static <T> T invoke(Login l, int readTimeoutMs, VimCall<T> call) throws RemoteException {
        if (readTimeoutMs > 0) {
            return l.client().withReadTimeout(readTimeoutMs, () -> call.call(l.vim(), l.content()));
        }
        return call.call(l.vim(), l.content());
    }

    private synchronized Login relogin(Login stale) {
        if (login != stale) {
            return login; // another thread logged in already
        }
        login = newLogin(stale.epoch() + 1);
        return login;
    }

    private Login newLogin(long epoch) {
        VimHttpClient client = new VimHttpClient(url, endpoint.insecure(), endpoint.connectTimeoutMs(),
                endpoint.readTimeoutMs(), calls);
        client.setVimNameSpace(ServiceInstance.VIM25_NAMESPACE);
        VimStub vim = new VimStub(client);
        ServiceContent content;
        try {
            content = vim.retrieveServiceContent(SERVICE_INSTANCE);
        } catch (RemoteException | RuntimeException e) {
            throw Faults.translate("RetrieveServiceContent at " + endpoint.url(), e);
        }
        client.setSoapActionOnApiVersion(content.getAbout().getApiVersion());
        try {
            vim.login(content.getSessionManager(), endpoint.user(), endpoint.password(), null);
        } catch (RemoteException | RuntimeException e) {
            throw Faults.translate("Login as " + endpoint.user() + " at " + endpoint.url(), e);
        }
        return new Login(client, vim, content, epoch);
    }

    /** Logs out (best effort: a session that cannot log out expires on the server). Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Login l = login;
        try {
            l.vim().logout(l.content().getSessionManager());
        } catch (RemoteException | RuntimeException e) {
            LOG.debug("logout from {} failed: {}", endpoint.url(), e.toString());
        }
    }

    // ------------------------------------------------------------------ conversions

    public static ManagedObjectReference mor(String type, String value) {
        ManagedObjectReference m = new ManagedObjectReference();
        m.setType(type);
        m.setVal(value);
        return m;
    }

    public static ManagedObjectReference mor(MoRef ref) {
        return ref == null ? null : mor(ref.type(), ref.value());
    }

    public static MoRef moRef(ManagedObjectReference mor) {
        return mor == null ? null : new MoRef(mor.getType(), mor.getVal());
    }
}
