package io.openfdm.vsphere.soap;

import com.vmware.vim25.LocalizedMethodFault;
import com.vmware.vim25.MethodFault;
import com.vmware.vim25.ws.SoapFaultException;
import io.openfdm.vsphere.VsphereException;
import io.openfdm.vsphere.VsphereException.Kind;

import javax.net.ssl.SSLException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;

/**
 * Turns what yavijava throws (a {@link MethodFault} subclass per vSphere fault type, a
 * {@link SoapFaultException}, or a {@code RemoteException} wrapping an {@link IOException}) into a
 * {@link VsphereException} with a {@link Kind}, the fault type name and a message that says which
 * call failed.
 */
public final class Faults {
    /** Fault types that mean "the credentials or the session are not accepted" (vSphere API reference). */
    static final Set<String> AUTHENTICATION_FAULTS = Set.of("InvalidLogin", "NotAuthenticated", "NoPermission",
            "InvalidLocale", "PasswordExpired", "NoClientCertificate");
    /** Fault types that mean "no such object". */
    static final Set<String> NOT_FOUND_FAULTS = Set.of("ManagedObjectNotFound", "NotFound", "FileNotFound",
            "InvalidDatastorePath", "InvalidDatastore");

    private Faults() {
    }

    /**
     * @param what the call, for the message ({@code PowerOnVM_Task vm-42})
     * @param e    what yavijava threw
     */
    public static VsphereException translate(String what, Throwable e) {
        if (e instanceof VsphereException v) {
            return v;
        }
        if (e instanceof MethodFault fault) {
            String name = fault.getClass().getSimpleName();
            return new VsphereException(kindOf(name), name, what + ": " + name + messageOf(fault), e);
        }
        if (e instanceof UnparsedFault u) {
            return new VsphereException(kindOf(u.faultName()), u.faultName(), what + ": " + u.faultName() + ": "
                    + firstLine(u), e);
        }
        if (e instanceof SoapFaultException s) {
            String name = s.getFaultCode() == null ? "SoapFault" : s.getFaultCode().replaceFirst("^.*:", "");
            return new VsphereException(kindOf(name), name, what + ": " + name + ": " + s.getFaultString(), e);
        }
        Throwable io = rootIo(e);
        if (io instanceof SocketTimeoutException) {
            boolean connecting = String.valueOf(io.getMessage()).toLowerCase().contains("connect");
            return new VsphereException(connecting ? Kind.UNREACHABLE : Kind.TIMEOUT, "",
                    what + ": " + (connecting ? "connect timed out" : "no answer within the read timeout") + " ("
                            + io.getMessage() + ")", e);
        }
        if (io instanceof ConnectException || io instanceof UnknownHostException || io instanceof NoRouteToHostException
                || io instanceof SSLException || io instanceof SocketException) {
            return new VsphereException(Kind.UNREACHABLE, "", what + ": unreachable: " + io.getClass().getSimpleName()
                    + ": " + io.getMessage(), e);
        }
        if (io instanceof IOException) {
            return new VsphereException(Kind.UNREACHABLE, "", what + ": " + io.getClass().getSimpleName() + ": "
                    + io.getMessage(), e);
        }
        return new VsphereException(Kind.FAULT, e.getClass().getSimpleName(), what + ": " + firstLine(e), e);
    }

    /** A task's error ({@code TaskInfo.error}) as an exception. */
    public static VsphereException fromTaskError(String what, LocalizedMethodFault error) {
        MethodFault fault = error == null ? null : error.getFault();
        String name = fault == null ? "TaskFailed" : fault.getClass().getSimpleName();
        String message = error == null || error.getLocalizedMessage() == null ? "" : ": " + error.getLocalizedMessage();
        return new VsphereException(kindOf(name), name, what + ": task failed: " + name + message, fault);
    }

    static Kind kindOf(String faultName) {
        if (AUTHENTICATION_FAULTS.contains(faultName)) {
            return Kind.AUTHENTICATION;
        }
        if (NOT_FOUND_FAULTS.contains(faultName)) {
            return Kind.NOT_FOUND;
        }
        return Kind.FAULT;
    }

    static boolean isNotAuthenticated(Throwable e) {
        return e instanceof com.vmware.vim25.NotAuthenticated
                || e instanceof UnparsedFault u && u.faultName().equals("NotAuthenticated");
    }

    private static String messageOf(MethodFault fault) {
        String m = firstLine(fault);
        return m.isEmpty() ? "" : ": " + m;
    }

    private static String firstLine(Throwable e) {
        String m = e.getMessage();
        if (m == null) {
            return "";
        }
        int nested = m.indexOf("; nested exception is");
        return (nested >= 0 ? m.substring(0, nested) : m).strip();
    }

    private static Throwable rootIo(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 10; depth++, t = t.getCause()) {
            if (t instanceof IOException && !(t instanceof java.rmi.RemoteException)) {
                return t;
            }
        }
        return e;
    }
}
