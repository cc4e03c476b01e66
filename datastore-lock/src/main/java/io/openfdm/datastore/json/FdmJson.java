package io.openfdm.datastore.json;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.openfdm.core.config.IsolationResponse;
import io.openfdm.core.model.HostId;
import io.openfdm.core.model.VmId;

/**
 * The one Jackson configuration for every JSON the project writes: on-datastore files, wire
 * payloads, admin API. Core types stay free of Jackson; mix-ins make {@link HostId} and
 * {@link VmId} plain strings ({@code "host-3"}), {@link IsolationResponse} its vSphere name
 * ({@code "powerOff"}), and other enums use their names.
 */
public final class FdmJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addMixIn(HostId.class, HostIdMixIn.class)
            .addMixIn(VmId.class, VmIdMixIn.class)
            .addMixIn(IsolationResponse.class, IsolationResponseMixIn.class)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
            .build();

    private FdmJson() {
    }

    /** A shared, thread-safe mapper. Do not reconfigure it. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    abstract static class HostIdMixIn {
        @JsonCreator
        static HostId of(String moid) {
            return HostId.of(moid);
        }

        @JsonValue
        abstract String moid();
    }

    abstract static class VmIdMixIn {
        @JsonCreator
        static VmId of(String moid) {
            return VmId.of(moid);
        }

        @JsonValue
        abstract String moid();
    }

    abstract static class IsolationResponseMixIn {
        @JsonCreator
        static IsolationResponse of(String name) {
            return IsolationResponse.of(name);
        }

        @JsonValue
        abstract String wireName();
    }
}
