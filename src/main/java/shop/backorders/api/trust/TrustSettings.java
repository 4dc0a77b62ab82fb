package shop.backorders.api.trust;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.StartupEvent;

/**
 * Refuses to start without what verifies tokens: a service that cannot check them would have to turn
 * every caller away, or worse. Dev mode and tests set the dev-only key; production must name its own.
 */
@ApplicationScoped
public class TrustSettings {

    void check(@Observes StartupEvent starting, Config config) {
        List<String> missing = missing(config);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Cannot verify tokens: set " + String.join(" and ", missing));
        }
    }

    /** What is missing to verify tokens, as the environment variables to set; empty if nothing. */
    static List<String> missing(Config config) {
        List<String> missing = new ArrayList<>();
        if (unset(config, "mp.jwt.verify.publickey.location") && unset(config, "mp.jwt.verify.publickey")) {
            missing.add("MP_JWT_VERIFY_PUBLICKEY_LOCATION (the identity provider's public key: a PEM file or a"
                    + " JWKS URL)");
        }
        if (unset(config, "mp.jwt.verify.issuer")) {
            missing.add("MP_JWT_VERIFY_ISSUER (the `iss` its tokens carry)");
        }
        // Without it, a token the same provider issued to any other application (with `groups: [staff]`) is
        // accepted here.
        if (unset(config, "mp.jwt.verify.audiences")) {
            missing.add("MP_JWT_VERIFY_AUDIENCES (the `aud` the provider puts in tokens for this shop)");
        }
        return missing;
    }

    private static boolean unset(Config config, String name) {
        return config.getOptionalValue(name, String.class).filter(value -> !value.isBlank()).isEmpty();
    }
}
