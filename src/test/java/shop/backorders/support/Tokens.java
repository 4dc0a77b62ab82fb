package shop.backorders.support;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import io.vertx.core.json.JsonObject;

/**
 * Bearer tokens as the shop's identity provider issues them, signed with the dev-only key pair in
 * src/dev/jwt that dev mode and tests trust; and the kinds of bad token a hostile caller sends.
 */
public final class Tokens {

    public static final String ISSUER = "https://backorders.dev";
    /** The audience dev mode and tests expect (mp.jwt.verify.audiences). */
    public static final String AUDIENCE = "backorders";
    private static final PrivateKey SHOP_KEY = readKey("src/dev/jwt/privateKey.pem");

    private Tokens() {
    }

    public static String staff() {
        return sign(claims("staff@backorders.dev", "staff"));
    }

    public static String customer(String email) {
        return sign(claims(email, "customer"));
    }

    public static String supplier(String email) {
        return sign(claims(email, "supplier"));
    }

    /** A customer's token valid for only this long: for watching a subscription end. */
    public static String customerFor(String email, Duration validFor) {
        return sign(claims(email, "customer").expiresAt(Instant.now().plus(validFor)));
    }

    /**
     * Claims of a token for this verified address in this group, valid for an hour, as an OIDC provider
     * issues them (an opaque `sub`, `email_verified: true`), for tests that vary them.
     */
    public static JwtClaimsBuilder claims(String email, String group) {
        return Jwt.issuer(ISSUER).audience(AUDIENCE).subject(UUID.nameUUIDFromBytes(email.getBytes(UTF_8)).toString())
                .claim("email", email).claim("email_verified", true).groups(Set.of(group))
                .expiresAt(Instant.now().plus(Duration.ofHours(1)));
    }

    public static String sign(JwtClaimsBuilder claims) {
        return claims.sign(SHOP_KEY);
    }

    /** Signed by a key the shop does not trust. */
    public static String foreign(JwtClaimsBuilder claims) {
        return claims.sign(ForeignKey.KEY);
    }

    /**
     * Staff tokens the shop must refuse: expired, signed by an unknown key, unsigned, from another issuer,
     * for another audience or none, altered, cut short, and not tokens at all.
     */
    public static List<String> invalid() {
        return List.of(
                sign(claims("a@example.com", "staff").expiresAt(Instant.now().minusSeconds(300))),
                foreign(claims("a@example.com", "staff")),
                unsigned(),
                sign(claims("a@example.com", "staff").issuer("https://someone-else.example")),
                otherAudience(),
                withoutAudience(),
                staff() + "x",
                staff().substring(0, 40),
                "not-a-token",
                "a.b.c");
    }

    /** A staff token the provider issued to another of its clients. */
    public static String otherAudience() {
        return sign(claims("a@example.com", "staff").audience("another-app"));
    }

    /** A staff token naming no audience. */
    public static String withoutAudience() {
        JwtClaimsBuilder claims = claims("a@example.com", "staff");
        claims.remove("aud");
        return sign(claims);
    }

    /** An unsigned token ("alg": "none") claiming to be staff. */
    public static String unsigned() {
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        String header = base64.encodeToString(new JsonObject().put("alg", "none").put("typ", "JWT").encode()
                .getBytes());
        String payload = base64.encodeToString(new JsonObject().put("iss", ISSUER).put("aud", AUDIENCE)
                .put("email", "mallory@example.com").put("email_verified", true)
                .put("groups", Set.of("staff")).put("exp", Instant.now().plusSeconds(3600).getEpochSecond())
                .put("iat", Instant.now().getEpochSecond()).encode().getBytes());
        return header + "." + payload + ".";
    }

    /**
     * One key for every foreign token of a run, made when first asked for: each new 2048-bit RSA key cost up to
     * a second of CPU.
     */
    private static final class ForeignKey {

        private static final PrivateKey KEY = generate();

        private static PrivateKey generate() {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                return generator.generateKeyPair().getPrivate();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private static PrivateKey readKey(String path) {
        try {
            return KeyUtils.decodePrivateKey(Files.readString(Path.of(path)));
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the dev key " + path, e);
        }
    }
}
