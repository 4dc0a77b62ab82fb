package shop.backorders.shared;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.spi.ConfigSource;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;

/**
 * Traces are on where an operator names a collector, and off otherwise: one variable,
 * QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT (or QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT). Off, the OpenTelemetry SDK
 * is not started: no span is recorded and nothing tries to export (its default, localhost:4317, would log a
 * failure for every batch). An explicit QUARKUS_OTEL_SDK_DISABLED still decides, as this source ranks below
 * application.properties and the environment.
 */
public class TracingSwitch implements ConfigSourceFactory {

    static final String SDK_DISABLED = "quarkus.otel.sdk.disabled";
    private static final List<String> ENDPOINTS = List.of("quarkus.otel.exporter.otlp.traces.endpoint",
            "quarkus.otel.exporter.otlp.endpoint");
    /** Below application.properties (250); above the extensions' defaults. */
    private static final int ORDINAL = 200;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        boolean collector = ENDPOINTS.stream().map(context::getValue).anyMatch(TracingSwitch::named);
        return List.of(new PropertiesConfigSource(Map.of(SDK_DISABLED, Boolean.toString(!collector)),
                "TracingSwitch", ORDINAL));
    }

    /** Set by someone, not an extension's default. */
    private static boolean named(ConfigValue endpoint) {
        return endpoint.getValue() != null && !endpoint.getValue().isBlank()
                && endpoint.getConfigSourceOrdinal() > ORDINAL;
    }
}
