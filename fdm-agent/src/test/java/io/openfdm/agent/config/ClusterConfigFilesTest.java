package io.openfdm.agent.config;

import io.openfdm.core.config.ClusterConfig;
import io.openfdm.core.config.ConfigException;
import io.openfdm.core.config.DatastoreSpec;
import io.openfdm.core.config.DependencyRule;
import io.openfdm.core.config.ReadyCondition;
import io.openfdm.core.config.RestartPolicy;
import io.openfdm.core.config.VmHostRule;
import io.openfdm.core.config.VmVmRule;
import io.openfdm.core.config.HaPolicy;
import io.openfdm.core.config.HeartbeatDatastorePolicy;
import io.openfdm.core.config.HostSpec;
import io.openfdm.core.config.IsolationPolicy;
import io.openfdm.core.config.IsolationResponse;
import io.openfdm.core.config.Timing;
import io.openfdm.core.config.VmOverride;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.RestartClass;
import io.openfdm.core.model.RestartPriority;
import io.openfdm.core.model.VmId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class ClusterConfigFilesTest {
    private static final String KEY = ClusterFixtures.KEY_HEX;

    @TempDir
    Path dir;

    private static String valid(String hostsExtra) {
        return """
                {"clusterId": "c1", "version": 4, "keyHex": "%s",
                 "datastores": [{"name": "ds-1", "path": "/x/ds-1"}, {"name": "ds-2", "path": "datastores/ds-2"}],
                 "hosts": [{"moid": "host-1", "address": "127.0.0.11", "port": 8182, "datastores": ["ds-1", "ds-2"],
                            "cpuMhz": 20000, "memoryMb": 65536},
                           {"moid": "host-2", "address": "127.0.0.12"%s}],
                 "vmOverrides": [{"vm": "vm-3", "protect": true, "priority": "high"}, {"vm": "vm-4", "protect": false}]}
                """.formatted(KEY, hostsExtra);
    }

    private Path file(String json) throws Exception {
        Path f = dir.resolve("cluster.json");
        Files.writeString(f, json);
        return f;
    }

    private ConfigException error(String json) throws Exception {
        Path f = file(json);
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ClusterConfigFiles.read(f));
        assertThat(e).as("expected a ConfigException").isNotNull();
        return e;
    }

    @Test
    void readsAFullFileWithDefaults() throws Exception {
        ClusterConfig c = ClusterConfigFiles.read(file(valid("")));
        assertThat(c.clusterId()).isEqualTo("c1");
        assertThat(c.version()).isEqualTo(4);
        assertThat(c.heartbeatDatastoresPerHost()).isEqualTo(2);
        assertThat(c.timing()).isEqualTo(Timing.defaults());
        assertThat(c.datastores()).containsExactly(new DatastoreSpec("ds-1", "/x/ds-1"),
                new DatastoreSpec("ds-2", dir.resolve("datastores/ds-2").toString()));
        assertThat(c.hosts()).containsExactly(
                new HostSpec(HostId.of("host-1"), "127.0.0.11", 8182, List.of("ds-1", "ds-2"), 20000, 65536),
                new HostSpec(HostId.of("host-2"), "127.0.0.12", 8182, List.of(), 100_000, 262_144));
        assertThat(c.vmOverrides()).containsExactly(new VmOverride(VmId.of("vm-3"), true, RestartPriority.HIGH),
                new VmOverride(VmId.of("vm-4"), false, null));
        assertThat(c.haPolicy()).as("no \"ha\" object: vSphere's defaults").isEqualTo(HaPolicy.defaults());
    }

    @Test
    void readsTheHaPolicyAndPerVmIsolationResponses() throws Exception {
        String json = valid("").replace("\"version\": 4,", "\"version\": 4, \"ha\": {\"hostMonitoring\": false,"
                        + " \"isolationResponse\": \"powerOff\", \"admissionControl\": false},")
                .replace("\"priority\": \"high\"", "\"priority\": \"high\", \"isolationResponse\": \"shutdown\"");
        ClusterConfig c = ClusterConfigFiles.read(file(json));
        assertThat(c.haPolicy()).isEqualTo(new HaPolicy(false, IsolationResponse.POWER_OFF, false));
        assertThat(c.vmOverrides()).containsExactly(
                new VmOverride(VmId.of("vm-3"), true, RestartPriority.HIGH, IsolationResponse.SHUTDOWN),
                new VmOverride(VmId.of("vm-4"), false, null, null));

        String partial = valid("").replace("\"version\": 4,", "\"version\": 4, \"ha\": {\"isolationResponse\": \"shutdown\"},");
        assertThat(ClusterConfigFiles.read(file(partial)).haPolicy()).as("missing fields take the defaults")
                .isEqualTo(new HaPolicy(true, IsolationResponse.SHUTDOWN, true));
    }

    @Test
    void badHaValuesNameTheField() throws Exception {
        ConfigException e = error(valid("").replace("\"version\": 4,", "\"version\": 4, \"ha\": {\"isolationResponse\": \"off\"},"));
        assertThat(e.field()).isEqualTo("cluster.ha.isolationResponse");
        assertThat(e.rule()).contains("[none, powerOff, shutdown]").contains("\"off\"").contains(dir.resolve("cluster.json").toString());
        assertThat(error(valid("").replace("\"priority\": \"high\"", "\"isolationResponse\": \"PowerOff\"")).field())
                .isEqualTo("cluster.vmOverrides[0].isolationResponse");
        assertThat(error(valid("").replace("\"version\": 4,", "\"version\": 4, \"ha\": {\"hostMonitoring\": \"yes\"},")).field())
                .isEqualTo("cluster.ha.hostMonitoring");
        assertThat(error(valid("").replace("\"version\": 4,", "\"version\": 4, \"ha\": {\"hostMonitor\": true},")).field())
                .isEqualTo("cluster.ha.hostMonitor");
    }

    @Test
    void readsRestartClassesAndWritesOnlyTheOnesThatAreNotOrdinary() throws Exception {
        String json = valid("").replace("\"priority\": \"high\"", "\"priority\": \"lowest\", \"restartClass\": \"agentVm\"");
        ClusterConfig c = ClusterConfigFiles.read(file(json));
        assertThat(c.vmOverrides()).containsExactly(
                new VmOverride(VmId.of("vm-3"), true, RestartPriority.LOWEST, null, RestartClass.AGENT_VM),
                new VmOverride(VmId.of("vm-4"), false, null));
        assertThat(c.vmOverrides().get(1).restartClass()).as("absent: ordinary").isEqualTo(RestartClass.ORDINARY);
        assertThat(ClusterConfigFiles.read(file(valid("").replace("\"priority\": \"high\"",
                "\"priority\": \"high\", \"restartClass\": \"ftSecondary\""))).vmOverrides().get(0).restartClass())
                .isEqualTo(RestartClass.FT_SECONDARY);

        Path out = dir.resolve("written/cluster.json");
        ClusterConfigFiles.write(out, c);
        assertThat(ClusterConfigFiles.read(out)).isEqualTo(c);
        assertThat(Files.readString(out)).contains("\"restartClass\" : \"agentVm\"");
        ClusterConfigFiles.write(out, ClusterConfigFiles.read(file(valid(""))));
        assertThat(Files.readString(out)).as("ordinary is the default and not written").doesNotContain("restartClass");

        ConfigException e = error(valid("").replace("\"priority\": \"high\"", "\"restartClass\": \"AgentVm\""));
        assertThat(e.field()).isEqualTo("cluster.vmOverrides[0].restartClass");
        assertThat(e.rule()).contains("[agentVm, ftSecondary, ordinary]").contains("\"AgentVm\"");
    }

    @Test
    void readsTheHeartbeatDatastorePolicyAndWritesItBack() throws Exception {
        ClusterConfig auto = ClusterConfigFiles.read(file(valid("")));
        assertThat(auto.heartbeatDatastores()).as("absent: automatic").isEqualTo(HeartbeatDatastorePolicy.defaults());
        String json = valid("").replace("\"version\": 4,", "\"version\": 4, \"heartbeatDatastores\":"
                + " {\"candidatePolicy\": \"allFeasibleDsWithUserPreference\", \"datastores\": [\"ds-2\"]},");
        ClusterConfig c = ClusterConfigFiles.read(file(json));
        assertThat(c.heartbeatDatastores()).isEqualTo(new HeartbeatDatastorePolicy(
                HeartbeatDatastorePolicy.CandidatePolicy.ALL_FEASIBLE_DS_WITH_USER_PREFERENCE, List.of("ds-2")));
        Path out = dir.resolve("written/cluster.json");
        ClusterConfigFiles.write(out, c);
        assertThat(ClusterConfigFiles.read(out)).isEqualTo(c);
        ClusterConfigFiles.write(out, auto);
        assertThat(Files.readString(out)).as("the default is not written").doesNotContain("heartbeatDatastores\"");
    }

    @Test
    void badHeartbeatDatastoresNameTheField() throws Exception {
        String pre = "\"version\": 4, \"heartbeatDatastores\": ";
        ConfigException e = error(valid("").replace("\"version\": 4,", pre + "{\"candidatePolicy\": \"auto\"},"));
        assertThat(e.field()).isEqualTo("cluster.heartbeatDatastores.candidatePolicy");
        assertThat(e.rule()).contains("allFeasibleDs").contains("\"auto\"");
        assertThat(error(valid("").replace("\"version\": 4,", pre + "{\"datastores\": [\"ds-1\", \"ds-9\"]},")).field())
                .isEqualTo("cluster.heartbeatDatastores.datastores[1]");
        assertThat(error(valid("").replace("\"version\": 4,", pre + "{\"datastores\": [\"ds-1\", \"ds-1\"]},")).rule())
                .contains("duplicate datastore ds-1");
        assertThat(error(valid("").replace("\"version\": 4,", pre + "{\"candidatePolicy\": \"userSelectedDs\"},")).field())
                .isEqualTo("cluster.heartbeatDatastores.datastores");
        assertThat(error(valid("").replace("\"version\": 4,", pre + "{\"perHost\": 3},")).field())
                .isEqualTo("cluster.heartbeatDatastores.perHost");
    }

    @Test
    void timingProfileAndOverrides() throws Exception {
        String json = valid("").replace("\"version\": 4,", "\"version\": 4, \"timingProfile\": \"aggressive\","
                + " \"timing\": {\"hostFailureTimeoutMs\": 5000, \"restartMaxAttempts\": 3},");
        Timing t = ClusterConfigFiles.read(file(json)).timing();
        Timing a = Timing.aggressive();
        assertThat(t.hostFailureTimeoutMs()).isEqualTo(5000);
        assertThat(t.restartMaxAttempts()).isEqualTo(3);
        assertThat(t.heartbeatIntervalMs()).isEqualTo(a.heartbeatIntervalMs());
        assertThat(t.leaseTimeoutMs()).isEqualTo(a.leaseTimeoutMs());
    }

    @Test
    void restartPolicyDefaultsToVmwaresScheduleAndTheOlderTimingFieldsStillSetIt() throws Exception {
        assertThat(ClusterConfigFiles.read(file(valid(""))).restartPolicy()).isEqualTo(RestartPolicy.defaults());
        assertThat(ClusterConfigFiles.read(file(valid("").replace("\"version\": 4,", "\"version\": 4,"
                + " \"timingProfile\": \"aggressive\","))).restartPolicy().attemptScheduleMs())
                .containsExactly(0L, 500L, 1500L, 3500L, 7500L);
        assertThat(ClusterConfigFiles.read(file(valid("").replace("\"version\": 4,", "\"version\": 4,"
                + " \"timing\": {\"restartBackoffMs\": 1000, \"restartMaxAttempts\": 3},"))).restartPolicy().attemptScheduleMs())
                .as("older files keep their meaning").containsExactly(0L, 1000L, 3000L);
    }

    @Test
    void readsTheRestartSection() throws Exception {
        String json = valid("").replace("\"version\": 4,", "\"version\": 4, \"restart\": {"
                + "\"attemptScheduleMs\": [0, 1000, 5000], \"readyCondition\": \"guestHbStatusGreen\","
                + " \"postReadyDelayMs\": 2000, \"readyTimeoutMs\": 30000,"
                + " \"dependencies\": [{\"vm\": \"vm-3\", \"dependsOn\": \"vm-7\"}],"
                + " \"vmVmRules\": [{\"name\": \"apart\", \"type\": \"antiAffinity\", \"vms\": [\"vm-1\", \"vm-2\"]}],"
                + " \"vmHostRules\": [{\"name\": \"lic\", \"type\": \"must\", \"vms\": [\"vm-5\"], \"hosts\": [\"host-2\"]}]},");
        RestartPolicy p = ClusterConfigFiles.read(file(json)).restartPolicy();
        assertThat(p.attemptScheduleMs()).containsExactly(0L, 1000L, 5000L);
        assertThat(p.readyCondition()).isEqualTo(ReadyCondition.GUEST_HEARTBEAT);
        assertThat(p.postReadyDelayMs()).isEqualTo(2000);
        assertThat(p.readyTimeoutMs()).isEqualTo(30000);
        assertThat(p.dependencies()).containsExactly(new DependencyRule(VmId.of("vm-3"), VmId.of("vm-7")));
        assertThat(p.vmVmRules()).containsExactly(new VmVmRule("apart", false, List.of(VmId.of("vm-1"), VmId.of("vm-2"))));
        assertThat(p.vmHostRules()).containsExactly(new VmHostRule("lic", true, List.of(VmId.of("vm-5")), List.of(HostId.of("host-2"))));
    }

    @Test
    void badRestartValuesNameTheField() throws Exception {
        String head = "\"version\": 4, \"restart\": ";
        assertThat(error(valid("").replace("\"version\": 4,", head + "{\"readyCondition\": \"up\"},")).field())
                .isEqualTo("cluster.restart.readyCondition");
        assertThat(error(valid("").replace("\"version\": 4,", head + "{\"attemptScheduleMs\": [5, 10]},")).field())
                .isEqualTo("cluster.restart.attemptScheduleMs[0]");
        assertThat(error(valid("").replace("\"version\": 4,", head + "{\"attemptScheduleMs\": [0, 10, 5]},")).field())
                .isEqualTo("cluster.restart.attemptScheduleMs[2]");
        assertThat(error(valid("").replace("\"version\": 4,", head + "{\"vmVmRules\": [{\"name\": \"r\", \"type\": \"apart\","
                + " \"vms\": [\"vm-1\", \"vm-2\"]}]},")).field()).isEqualTo("cluster.restart.vmVmRules[0].type");
        assertThat(error(valid("").replace("\"version\": 4,", head + "{\"vmHostRules\": [{\"name\": \"r\", \"type\": \"must\","
                + " \"vms\": [\"vm-1\"], \"hosts\": [\"host-9\"]}]},")).field()).isEqualTo("cluster.restart.vmHostRules[0].hosts[0]");
        assertThat(error(valid("").replace("\"version\": 4,", head + "{\"dependencies\": [{\"vm\": \"vm-1\"}]},")).field())
                .isEqualTo("cluster.restart.dependencies[0].dependsOn");
        // vm-3 is overridden to priority high; vm-9 to low: high may not depend on low.
        String prio = valid("").replace("{\"vm\": \"vm-4\", \"protect\": false}",
                "{\"vm\": \"vm-4\", \"protect\": false}, {\"vm\": \"vm-9\", \"priority\": \"low\"}");
        ConfigException lower = error(prio.replace("\"version\": 4,", head
                + "{\"dependencies\": [{\"vm\": \"vm-3\", \"dependsOn\": \"vm-9\"}]},"));
        assertThat(lower.field()).isEqualTo("cluster.restart.dependencies[0].dependsOn");
        assertThat(lower.rule()).contains("vm-3 (priority high) cannot depend on vm-9 of lower priority low");
        ConfigException cycle = error(valid("").replace("\"version\": 4,", head + "{\"dependencies\": ["
                + "{\"vm\": \"vm-1\", \"dependsOn\": \"vm-2\"}, {\"vm\": \"vm-2\", \"dependsOn\": \"vm-5\"},"
                + " {\"vm\": \"vm-5\", \"dependsOn\": \"vm-1\"}]},"));
        assertThat(cycle.field()).isEqualTo("cluster.restart.dependencies[2]");
        assertThat(cycle.rule()).contains("dependency cycle vm-5 -> vm-1 -> vm-2 -> vm-5");
    }

    @Test
    void writeThenReadGivesTheSameConfig() throws Exception {
        Timing custom = new Timing(50, 250, 3000, 2000, 2000, 100, 500, 2000, 500, 1000, 2000, 500, 3000, 1000, 5, 16);
        for (Timing timing : List.of(Timing.defaults(), Timing.aggressive(), custom)) {
            ClusterConfig base = ClusterFixtures.cluster(9, "127.0.0.1", 8182, 8183);
            ClusterConfig c = new ClusterConfig(base.clusterId(), base.version(), base.keyHex(), base.hosts(), base.datastores(),
                    List.of(new VmOverride(VmId.of("vm-3"), true, RestartPriority.HIGH),
                            new VmOverride(VmId.of("vm-5"), false, null, IsolationResponse.POWER_OFF)),
                    3, timing, new HaPolicy(false, IsolationResponse.SHUTDOWN, false));
            Path f = dir.resolve("out/cluster.json");
            ClusterConfigFiles.write(f, c);
            assertThat(ClusterConfigFiles.read(f)).isEqualTo(c);
            if (timing.equals(custom)) {
                assertThat(Files.readString(f)).contains("\"hostFailureTimeoutMs\" : 3000").doesNotContain("tickIntervalMs");
            }
            assertThat(Files.readString(f)).contains("\"isolationResponse\" : \"shutdown\"")
                    .contains("\"isolationResponse\" : \"powerOff\"").contains("\"hostMonitoring\" : false");
            assertThat(Files.readString(f)).as("the derived restart policy is not written").doesNotContain("\"restart\"");
            ClusterConfig withRules = c.withRestartPolicy(new RestartPolicy(List.of(0L, 10L), ReadyCondition.POWERED_ON, 5,
                    60_000, List.of(new DependencyRule(VmId.of("vm-1"), VmId.of("vm-2"))),
                    List.of(new VmVmRule("t", true, List.of(VmId.of("vm-1"), VmId.of("vm-2")))),
                    List.of(new VmHostRule("s", false, List.of(VmId.of("vm-1")), List.of(base.hosts().get(0).id())))));
            ClusterConfigFiles.write(f, withRules);
            assertThat(ClusterConfigFiles.read(f)).isEqualTo(withRules);
        }
        assertThat(Files.list(dir.resolve("out"))).as("no temporary files left").hasSize(1);
    }

    @Test
    void badPortNamesTheHost() throws Exception {
        ConfigException e = error(valid(", \"port\": 70000"));
        assertThat(e.field()).isEqualTo("cluster.hosts[1].port");
        assertThat(e.rule()).contains("1-65535").contains(dir.resolve("cluster.json").toString());
    }

    @Test
    void portOfTheWrongTypeNamesTheField() throws Exception {
        ConfigException e = error(valid(", \"port\": \"eighty\""));
        assertThat(e.field()).isEqualTo("cluster.hosts[1].port");
        assertThat(e.rule()).contains("whole number");
        assertThat(error(valid(", \"port\": 81.5")).field()).isEqualTo("cluster.hosts[1].port");
    }

    @Test
    void unknownTimingFieldIsRefused() throws Exception {
        ConfigException e = error(valid("").replace("\"version\": 4,", "\"version\": 4, \"timing\": {\"hostFailureTimoutMs\": 5000},"));
        assertThat(e.field()).isEqualTo("cluster.timing.hostFailureTimoutMs");
        assertThat(e.rule()).contains("unknown field").contains("hostFailureTimeoutMs");
    }

    @Test
    void unknownTopLevelFieldIsRefused() throws Exception {
        assertThat(error(valid("").replace("\"version\": 4,", "\"version\": 4, \"colour\": \"blue\",")).field())
                .isEqualTo("cluster.colour");
    }

    @Test
    void brokenTimingInvariantNamesTheField() throws Exception {
        ConfigException e = error(valid("").replace("\"version\": 4,", "\"version\": 4, \"timing\": {\"hostFailureTimeoutMs\": 100},"));
        assertThat(e.field()).isEqualTo("cluster.timing.hostFailureTimeoutMs");
    }

    @Test
    void badKey() throws Exception {
        assertThat(error(valid("").replace(KEY, "abc")).field()).isEqualTo("cluster.keyHex");
        assertThat(error(valid("").replace(KEY, KEY.substring(0, 62) + "zz")).field()).isEqualTo("cluster.keyHex");
        assertThat(error(valid("").replace("\"keyHex\": \"" + KEY + "\",", "")).field()).isEqualTo("cluster.keyHex");
    }

    @Test
    void otherRulesNameTheirFields() throws Exception {
        assertThat(error(valid("").replace("\"version\": 4,", "")).field()).isEqualTo("cluster.version");
        assertThat(error(valid("").replace("\"timingProfile\"", "x").replace("\"version\": 4,",
                "\"version\": 4, \"timingProfile\": \"fast\",")).field()).isEqualTo("cluster.timingProfile");
        assertThat(error(valid(", \"datastores\": [\"ds-9\"]")).field()).isEqualTo("cluster.hosts[1].datastores[0]");
        assertThat(error(valid("").replace("\"address\": \"127.0.0.12\"", "\"address\": \"node-2.example\"")).field())
                .isEqualTo("cluster.hosts[1].address");
        assertThat(error(valid("").replace("\"moid\": \"host-2\", ", "")).field()).isEqualTo("cluster.hosts[1].moid");
        assertThat(error(valid("").replace("\"moid\": \"host-2\"", "\"moid\": \"host-1\"")).field()).isEqualTo("cluster.hosts[1].moid");
        assertThat(error(valid("").replace("\"priority\": \"high\"", "\"priority\": \"urgent\"")).field())
                .isEqualTo("cluster.vmOverrides[0].priority");
        assertThat(error(valid("").replace("\"clusterId\": \"c1\"", "\"clusterId\": \"c 1\"")).field()).isEqualTo("cluster.clusterId");
    }

    @Test
    void malformedJsonNamesFileLineAndColumn() throws Exception {
        ConfigException e = error("{\"clusterId\": \"c1\",\n  \"version\": 4,,\n}");
        assertThat(e.field()).isEqualTo(dir.resolve("cluster.json").toString());
        assertThat(e.rule()).contains("not valid JSON at line 2, column");
        assertThat(error("{\"version\": 1, \"version\": 2}").rule()).contains("Duplicate field 'version'");
        assertThat(error("").field()).isEqualTo("cluster");
        assertThat(error("[1, 2]").field()).isEqualTo("cluster");
    }

    @Test
    void missingFileIsAConfigError() {
        Path missing = dir.resolve("nope.json");
        ConfigException e = catchThrowableOfType(ConfigException.class, () -> ClusterConfigFiles.read(missing));
        assertThat(e.field()).isEqualTo(missing.toString());
        assertThat(e.rule()).isEqualTo("file not found");
    }

    @Test
    void isolationPolicyIsReadWrittenAndDefaulted() throws Exception {
        String json = valid("").replace("\"vmOverrides\"", """
                "ha": {"isolationResponse": "shutdown",
                       "isolation": {"isolationAddresses": ["10.9.0.1", "10.9.0.2"], "useDefaultIsolationAddress": false,
                                     "policyDelayMs": 45000, "shutdownTimeoutMs": 120000}},
                "vmOverrides\"""");
        ClusterConfig c = ClusterConfigFiles.read(file(json));
        assertThat(c.haPolicy().isolationResponse()).isEqualTo(IsolationResponse.SHUTDOWN);
        assertThat(c.haPolicy().isolation())
                .isEqualTo(new IsolationPolicy(List.of("10.9.0.1", "10.9.0.2"), false, 45_000, 120_000));
        Path copy = dir.resolve("copy.json");
        ClusterConfigFiles.write(copy, c);
        assertThat(ClusterConfigFiles.read(copy)).isEqualTo(c);

        String partial = valid("").replace("\"vmOverrides\"", "\"ha\": {\"isolation\": {\"shutdownTimeoutMs\": 60000}}, \"vmOverrides\"");
        assertThat(ClusterConfigFiles.read(file(partial)).haPolicy().isolation())
                .isEqualTo(new IsolationPolicy(List.of(), true, 30_000, 60_000));
        assertThat(ClusterConfigFiles.read(file(valid(""))).haPolicy().isolation()).isEqualTo(IsolationPolicy.defaults());
    }

    @Test
    void aBadIsolationFieldIsNamed() throws Exception {
        ConfigException delay = error(valid("").replace("\"vmOverrides\"",
                "\"ha\": {\"isolation\": {\"policyDelayMs\": 10000}}, \"vmOverrides\""));
        assertThat(delay.field()).isEqualTo("cluster.ha.isolation.policyDelayMs");
        assertThat(delay.rule()).contains(">= 30000").contains("10000");

        ConfigException address = error(valid("").replace("\"vmOverrides\"",
                "\"ha\": {\"isolation\": {\"isolationAddresses\": [\"10.0.0.1\", null]}}, \"vmOverrides\""));
        assertThat(address.field()).isEqualTo("cluster.ha.isolation.isolationAddresses[1]");

        ConfigException unknown = error(valid("").replace("\"vmOverrides\"",
                "\"ha\": {\"isolation\": {\"policyDelaySec\": 30}}, \"vmOverrides\""));
        assertThat(unknown.getMessage()).contains("policyDelaySec");
    }

    /** The agent process prints the field of a bad isolation setting and exits with status 2. */
    @Test
    void theAgentExitsWithStatus2OnABadIsolationSetting() throws Exception {
        Path cluster = file(valid("").replace("\"vmOverrides\"",
                "\"ha\": {\"isolation\": {\"shutdownTimeoutMs\": -1}}, \"vmOverrides\""));
        Path agentJson = dir.resolve("agent.json");
        AgentConfigFiles.write(agentJson, new AgentConfig(HostId.of("host-1"), dir.resolve("state"), cluster,
                new java.net.InetSocketAddress("127.0.6.1", 8190), "simulated"));
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.openfdm.agent.runtime.AgentMain", agentJson.toString())
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(output).isEqualTo(2);
        assertThat(output).contains("configuration error: cluster.ha.isolation.shutdownTimeoutMs");
    }
}
