package io.openfdm.bridge.dasconfig;

/**
 * A value in vCenter's HA configuration that OpenFDM cannot use. The message names the vSphere
 * field ({@code configurationEx.dasConfig.option[das.isolationShutdownTimeout]}) and what it must be.
 */
public final class DasConfigException extends RuntimeException {
    private final String field;

    public DasConfigException(String field, String rule) {
        super(field + ": " + rule);
        this.field = field;
    }

    /** The vSphere property path of the bad value. */
    public String field() {
        return field;
    }
}
