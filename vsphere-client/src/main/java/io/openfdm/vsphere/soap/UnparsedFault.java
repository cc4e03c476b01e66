package io.openfdm.vsphere.soap;

import java.rmi.RemoteException;

/** A SOAP fault whose type yavijava 6.0 cannot map to a class; the type name comes from the raw answer. */
final class UnparsedFault extends RemoteException {
    private static final long serialVersionUID = 1L;
    private final String faultName;

    UnparsedFault(String faultName, String message, Throwable cause) {
        super(message, cause);
        this.faultName = faultName;
    }

    String faultName() {
        return faultName;
    }
}
