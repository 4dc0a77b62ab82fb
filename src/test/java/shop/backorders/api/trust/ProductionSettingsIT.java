package shop.backorders.api.trust;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import shop.backorders.support.PackagedDatabase;
import shop.backorders.support.PackagedService;

/**
 * The packaged service refuses to start with settings that would leave it open: no key to verify tokens with,
 * no audience for tokens, a placeholder link secret, or the dev secret it carries inside, used when the dev
 * profile is switched on.
 */
class ProductionSettingsIT {

    /** A setting that must stop the start, and what the log must then say. */
    private record Refused(String name, Map<String, String> overrides, String... says) {
    }

    @Test
    void settingsThatWouldLeaveItOpenStopItsStart() throws Exception {
        List<Refused> refused = List.of(
                new Refused("unkeyed", Map.of("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "", "MP_JWT_VERIFY_ISSUER", ""),
                        "MP_JWT_VERIFY_PUBLICKEY_LOCATION", "MP_JWT_VERIFY_ISSUER"),
                new Refused("no-audience", Map.of("MP_JWT_VERIFY_AUDIENCES", ""), "MP_JWT_VERIFY_AUDIENCES"),
                new Refused("placeholder-secret",
                        Map.of("SHOP_LINKS_SECRET", "change-me-to-48-random-bytes-in-base64-0123456789"),
                        "SHOP_LINKS_SECRET is refused"),
                new Refused("dev-profile", Map.of("QUARKUS_PROFILE", "dev", "SHOP_LINKS_SECRET", ""),
                        "SHOP_LINKS_SECRET is refused"));
        int databasePort = PackagedDatabase.get().getPort();
        // started together: each takes seconds to find its setting refused
        List<PackagedService> instances = new ArrayList<>();
        try {
            for (Refused setting : refused) {
                instances.add(PackagedService.start(setting.name(), databasePort, setting.overrides()));
            }
            for (int i = 0; i < refused.size(); i++) {
                String name = refused.get(i).name();
                PackagedService instance = instances.get(i);
                assertTrue(instance.process().waitFor(PackagedService.START_TIMEOUT.toSeconds(), TimeUnit.SECONDS),
                        name + ": still running; see its log");
                assertNotEquals(0, instance.process().exitValue(), name);
                String log = instance.log();
                for (String says : refused.get(i).says()) {
                    assertTrue(log.contains(says), name + ": the log does not say " + says + ":\n" + log);
                }
            }
        } finally {
            instances.forEach(PackagedService::stop);
        }
    }
}
