package shop.backorders.shared;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The shop's secret: which secrets start, and what its signed and sealed tokens let through. */
class SigningKeysTest {

    private static final String SECRET = "Jx3vQ9-rL2mZ8aW0pT5sK7yB1nD4fH6gE_cU-oV2iM9qR3tY8wA5zX7bN0kP4j";
    private static final String NEXT_SECRET = "p7Gd2Kq9Zr4Wm1Xv8Bt3Ny6Lc0Hs5Jf_aE-uQ2oI7kR9wT4yM1nV6bC3xZ8lD0s";
    private static final byte[] CONTENT = "3 now, 9 on day 20588".getBytes(StandardCharsets.UTF_8);

    private final SigningKeys keys = new SigningKeys(SECRET, null, false);

    @Test
    void aShortSecretIsRefusedAtStartEverywhere() {
        assertThrows(IllegalStateException.class, () -> new SigningKeys("too short", null, false));
    }

    @Test
    void placeholdersAndSecretsWithLittleRandomnessAreRefusedInProduction() {
        for (String weak : new String[] {
                "change-me-to-48-random-bytes-in-base64-0123456789", // k8s/base/secret.example.yaml
                "dev-only-link-secret-not-for-production-0123456789", // the dev and test profiles'
                "same-secret-on-both-instances-0123456789", // the README's two-instance example
                "a".repeat(64), "abababababababababababababababababababab",
                "0000000011111111222222223333333344444444" }) {
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> new SigningKeys(weak, null, true), weak);
            assertTrue(refused.getMessage().startsWith("SHOP_LINKS_SECRET is refused"), refused.getMessage());
        }
        assertThrows(IllegalStateException.class,
                () -> new SigningKeys(SECRET, "change-me-to-48-random-bytes-in-base64-0123456789", true));
        new SigningKeys(SECRET, NEXT_SECRET, true);
        new SigningKeys("3q2+7wAAAAC8mFh1Hp9VZ0yGfK2sT4nLqRz6xW1dJ0M=", null, true);
    }

    @Test
    void aSealedTokenOpensOnlyForItsPurposeAndUnaltered() {
        String token = keys.seal("quote", CONTENT);
        assertArrayEquals(CONTENT, keys.opened("quote", token).orElseThrow());
        assertEquals(Optional.empty(), keys.opened("supplier", token), "another purpose");
        assertEquals(Optional.empty(), new SigningKeys(NEXT_SECRET, null, false).opened("quote", token),
                "another secret");
        assertTrue(keys.verified(token).isEmpty(), "a sealed token is no signed one");
        String[] parts = token.split("\\.");
        char[] body = parts[1].toCharArray();
        for (int i = 0; i < body.length; i += 7) {
            char[] altered = body.clone();
            altered[i] = altered[i] == 'A' ? 'B' : 'A';
            assertEquals(Optional.empty(), keys.opened("quote", parts[0] + "." + new String(altered)), "at " + i);
        }
        for (String forged : new String[] { null, "", "no-dot", token + ".more", parts[1], "XXXXXXXX." + parts[1],
                parts[0] + ".AAAA", parts[0] + ".!!!" }) {
            assertEquals(Optional.empty(), keys.opened("quote", forged), forged);
        }
    }

    @Test
    void sealingTheSameContentTwiceGivesTwoTokens() {
        assertTrue(!keys.seal("quote", CONTENT).equals(keys.seal("quote", CONTENT)), "a fresh nonce each time");
    }

    @Test
    void duringARotationThePreviousSecretStillOpensButNeverSeals() {
        String before = keys.seal("quote", CONTENT);
        SigningKeys rotated = new SigningKeys(NEXT_SECRET, SECRET, false);
        assertArrayEquals(CONTENT, rotated.opened("quote", before).orElseThrow());
        String after = rotated.seal("quote", CONTENT);
        assertArrayEquals(CONTENT, new SigningKeys(NEXT_SECRET, null, false).opened("quote", after).orElseThrow());
        assertEquals(Optional.empty(), new SigningKeys(NEXT_SECRET, null, false).opened("quote", before));
    }
}
