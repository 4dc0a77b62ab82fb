package shop.backorders.api.trust;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import shop.backorders.support.PackagedService;

/**
 * The packaged service refuses to start with settings that would leave it open: no audience for tokens, a
 * placeholder link secret, or the dev secret it carries inside, used when the dev profile is switched on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProductionSettingsIT {

    private EmbeddedPostgres database;

    @BeforeAll
    void startDatabase() throws IOException {
        database = EmbeddedPostgres.builder().start();
    }

    @AfterAll
    void stopDatabase() throws IOException {
        database.close();
    }

    @Test
    void withoutAnAudienceItDoesNotStart() throws Exception {
        assertRefusedToStart("no-audience", Map.of("MP_JWT_VERIFY_AUDIENCES", ""), "MP_JWT_VERIFY_AUDIENCES");
    }

    @Test
    void withThePlaceholderLinkSecretOfTheKubernetesExampleItDoesNotStart() throws Exception {
        assertRefusedToStart("placeholder-secret",
                Map.of("SHOP_LINKS_SECRET", "change-me-to-48-random-bytes-in-base64-0123456789"),
                "SHOP_LINKS_SECRET is refused");
    }

    @Test
    void withTheDevProfileSwitchedOnItDoesNotSignWithTheDevSecret() throws Exception {
        assertRefusedToStart("dev-profile", Map.of("QUARKUS_PROFILE", "dev", "SHOP_LINKS_SECRET", ""),
                "SHOP_LINKS_SECRET is refused");
    }

    private void assertRefusedToStart(String name, Map<String, String> overrides, String says) throws Exception {
        PackagedService instance = PackagedService.start(name, database.getPort(), overrides);
        try {
            assertTrue(instance.process().waitFor(PackagedService.START_TIMEOUT.toSeconds(), TimeUnit.SECONDS),
                    name + ": still running; see its log");
            assertNotEquals(0, instance.process().exitValue(), name);
            assertTrue(instance.log().contains(says), name + ": the log does not say " + says);
        } finally {
            instance.stop();
        }
    }
}
