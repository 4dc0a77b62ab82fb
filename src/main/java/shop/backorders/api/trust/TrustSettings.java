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
        List<String> missing = new ArrayList<>();
        if (config.getOptionalValue("mp.jwt.verify.publickey.location", String.class).isEmpty()
                && config.getOptionalValue("mp.jwt.verify.publickey", String.class).isEmpty()) {
            missing.add("MP_JWT_VERIFY_PUBLICKEY_LOCATION (the identity provider's public key: a PEM file or a"
                    + " JWKS URL)");
        }
        if (config.getOptionalValue("mp.jwt.verify.issuer", String.class).isEmpty()) {
            missing.add("MP_JWT_VERIFY_ISSUER (the `iss` its tokens carry)");
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Cannot verify tokens: set " + String.join(" and ", missing));
        }
    }
}
