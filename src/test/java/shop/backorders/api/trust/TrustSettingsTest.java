package shop.backorders.api.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** What the service refuses to start without, to verify tokens. */
class TrustSettingsTest {

    private static final Map<String, String> COMPLETE = Map.of(
            "mp.jwt.verify.publickey.location", "https://login.example.com/certs",
            "mp.jwt.verify.issuer", "https://login.example.com",
            "mp.jwt.verify.audiences", "backorders");

    @Test
    void aKeyAnIssuerAndAnAudienceAreEnough() {
        assertEquals(List.of(), TrustSettings.missing(config(COMPLETE)));
    }

    @Test
    void withoutAnAudienceItDoesNotStart() {
        for (String audience : new String[] { null, "", " " }) {
            Map<String, String> settings = new HashMap<>(COMPLETE);
            settings.remove("mp.jwt.verify.audiences");
            if (audience != null) {
                settings.put("mp.jwt.verify.audiences", audience);
            }
            List<String> missing = TrustSettings.missing(config(settings));
            assertEquals(1, missing.size(), missing::toString);
            assertTrue(missing.get(0).startsWith("MP_JWT_VERIFY_AUDIENCES"), missing::toString);
        }
    }

    @Test
    void everythingMissingIsNamedAtOnce() {
        assertEquals(3, TrustSettings.missing(config(Map.of())).size());
    }

    private static Config config(Map<String, String> settings) {
        return new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(settings, "test", 500)).build();
    }
}
