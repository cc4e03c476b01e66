package io.openfdm.hostd.vsphere;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A datastore path as vSphere writes it, {@code "[LocalDS_0] vm-1/vm-1.vmx"}: the datastore name in
 * brackets, a space, the path inside the datastore ({@code config.files.vmPathName}).
 *
 * @param datastore the datastore name ({@code LocalDS_0}), the VM's home datastore
 * @param path      the path inside it ({@code vm-1/vm-1.vmx})
 */
public record VmxPath(String datastore, String path) {
    private static final Pattern FORMAT = Pattern.compile("^\\[([^\\]]+)]\\s*(.*)$");

    /** Parses {@code "[ds] dir/file.vmx"}; empty if it is not in that form. */
    public static Optional<VmxPath> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher m = FORMAT.matcher(text.trim());
        return m.matches() ? Optional.of(new VmxPath(m.group(1), m.group(2))) : Optional.empty();
    }

    @Override
    public String toString() {
        return "[" + datastore + "] " + path;
    }
}
