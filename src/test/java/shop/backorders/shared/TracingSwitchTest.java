package shop.backorders.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

/**
 * Traces are off unless a collector is named, with one variable: without one the running service traces
 * nothing (and exports nothing); the endpoint turns the SDK on; an explicit QUARKUS_OTEL_SDK_DISABLED wins; the
 * extension's own default endpoint turns nothing on. (TracesIT follows spans into a real collector.)
 */
@QuarkusTest
class TracingSwitchTest {

    @Inject
    Vertx vertx;

    /** Off, Vert.x gets no tracer: requests and statements (instrumented through it) record nothing. */
    @Test
    void withoutACollectorNothingIsTraced() {
        assertNull(((VertxInternal) vertx).tracer());
    }

    @Test
    void theCollectorsAddressAloneTurnsTracesOn() {
        assertEquals("true", sdkDisabled(Map.of()));
        assertEquals("false", sdkDisabled(Map.of("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317")));
        assertEquals("false", sdkDisabled(Map.of("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                "http://collector:4317")));
        assertEquals("true", sdkDisabled(Map.of("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://collector:4317",
                "QUARKUS_OTEL_SDK_DISABLED", "true")));
        assertEquals("true", sdkDisabled(Map.of("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", " ")));
    }

    @Test
    void anExtensionsDefaultEndpointTurnsNothingOn() {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(Map.of("quarkus.otel.exporter.otlp.endpoint",
                        "http://localhost:4317"), "defaults", Integer.MIN_VALUE))
                .withSources(new TracingSwitch()).build();
        assertEquals("true", config.getRawValue("quarkus.otel.sdk.disabled"));
    }

    /** quarkus.otel.sdk.disabled for this environment. */
    private static String sdkDisabled(Map<String, String> environment) {
        return new SmallRyeConfigBuilder().withSources(new EnvConfigSource(new HashMap<>(environment), 300))
                .withSources(new TracingSwitch()).build().getRawValue("quarkus.otel.sdk.disabled");
    }
}
