package io.openfdm.bridge.dasconfig;

import com.vmware.vim25.ClusterDasConfigInfo;
import com.vmware.vim25.ClusterDasVmSettings;
import com.vmware.vim25.ClusterVmToolsMonitoringSettings;
import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.OptionValue;
import io.openfdm.vsphere.soap.PlainValues;

import java.util.Map;

/**
 * vSphere data objects built with yavijava, the SOAP library {@code vsphere-client} unmarshals
 * vCenter's answers with, and turned into the plain maps the bridge reads
 * ({@link PlainValues#plain}), exactly as a {@code RetrievePropertiesEx} answer is.
 */
final class YavijavaObjects {
    private YavijavaObjects() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> plain(Object dataObject) {
        return (Map<String, Object>) PlainValues.plain(dataObject);
    }

    /** A {@code dasConfig} as vCenter reports a cluster with HA configured and nothing changed. */
    static ClusterDasConfigInfo dasConfig() {
        ClusterDasConfigInfo das = new ClusterDasConfigInfo();
        das.setEnabled(false);
        das.setHostMonitoring("enabled");
        das.setVmMonitoring("vmMonitoringDisabled");
        das.setAdmissionControlEnabled(true);
        das.setHBDatastoreCandidatePolicy("allFeasibleDs");
        ClusterDasVmSettings defaults = new ClusterDasVmSettings();
        defaults.setRestartPriority("medium");
        defaults.setIsolationResponse("none");
        das.setDefaultVmSettings(defaults);
        return das;
    }

    static ClusterDasConfigInfo withOptions(ClusterDasConfigInfo das, String... keyValues) {
        OptionValue[] options = new OptionValue[keyValues.length / 2];
        for (int i = 0; i < options.length; i++) {
            options[i] = new OptionValue();
            options[i].setKey(keyValues[2 * i]);
            options[i].setValue(keyValues[2 * i + 1]);
        }
        das.setOption(options);
        return das;
    }

    static ClusterVmToolsMonitoringSettings tools(Boolean clusterSettings, String state, Integer failureS, Integer minUpS,
                                                  Integer maxFailures, Integer windowS) {
        ClusterVmToolsMonitoringSettings t = new ClusterVmToolsMonitoringSettings();
        t.setClusterSettings(clusterSettings);
        t.setVmMonitoring(state);
        t.setFailureInterval(failureS);
        t.setMinUpTime(minUpS);
        t.setMaxFailures(maxFailures);
        t.setMaxFailureWindow(windowS);
        return t;
    }

    static ManagedObjectReference ref(String type, String value) {
        ManagedObjectReference r = new ManagedObjectReference();
        r.setType(type);
        r.setVal(value);
        return r;
    }
}
