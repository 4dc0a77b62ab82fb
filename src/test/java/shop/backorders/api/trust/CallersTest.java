package shop.backorders.api.trust;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.junit.jupiter.api.Test;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.ShopException;

/** Which customer a verified token names, claim by claim, as SmallRye JWT hands the claims over. */
class CallersTest {

    private static final boolean STRICT = false;
    private static final boolean VERIFIED_IF_ABSENT = true;

    @Test
    void aCustomerIsTheirVerifiedEmailInNormalForm() throws Exception {
        assertEquals("mail@example.com", customer(claims("Mail@Example.com").put("email_verified", true), STRICT));
        // Some providers send the claim as a string.
        assertEquals("mail@example.com", customer(claims("mail@example.com").put("email_verified", "true"), STRICT));
        assertEquals("ana@xn--bcher-kva.example", customer(claims("ana@bücher.example")
                .put("email_verified", true), STRICT));
    }

    @Test
    void anAddressTheProviderDidNotVerifyNamesNobody() {
        assertRefused(claims("bob@example.com").put("email_verified", false), STRICT);
        assertRefused(claims("bob@example.com").put("email_verified", false), VERIFIED_IF_ABSENT);
        assertRefused(claims("bob@example.com").put("email_verified", "false"), VERIFIED_IF_ABSENT);
        assertRefused(claims("bob@example.com").putNull("email_verified"), STRICT);
        assertRefused(claims("bob@example.com").put("email_verified", 1), STRICT);
        assertRefused(claims("bob@example.com").put("email_verified", "yes"), STRICT);
    }

    @Test
    void aTokenWithoutTheClaimIsRefusedUnlessTheProviderIsSaidToVerifyEveryAddress() throws Exception {
        assertRefused(claims("bob@example.com"), STRICT);
        assertEquals("bob@example.com", customer(claims("bob@example.com"), VERIFIED_IF_ABSENT));
    }

    @Test
    void theUpnIsNoAddress() {
        assertRefused(new JsonObject().put("upn", "bob@example.com").put("email_verified", true), VERIFIED_IF_ABSENT);
    }

    @Test
    void anEmailClaimWithoutANormalFormNamesNobody() {
        for (Object email : new Object[] { "\u212Aim@example.com", "bob\u0000@example.com", "a@b", 42,
                new JsonObject().put("address", "bob@example.com") }) {
            assertRefused(new JsonObject().put("email", email).put("email_verified", true), STRICT);
        }
    }

    private static JsonObject claims(String email) {
        return new JsonObject().put("email", email);
    }

    private static String customer(JsonObject claims, boolean verifiedIfAbsent) throws InvalidJwtException {
        return Callers.customer(token(claims), verifiedIfAbsent).email();
    }

    private static void assertRefused(JsonObject claims, boolean verifiedIfAbsent) {
        ShopException refused = assertThrows(ShopException.class,
                () -> Callers.customer(token(claims), verifiedIfAbsent), claims::encode);
        assertEquals(ErrorCode.FORBIDDEN, refused.code(), claims::encode);
    }

    private static DefaultJWTCallerPrincipal token(JsonObject claims) throws InvalidJwtException {
        return new DefaultJWTCallerPrincipal(JwtClaims.parse(claims.put("iss", "https://backorders.dev")
                .put("sub", "42").put("groups", new JsonArray().add("customer")).encode()));
    }
}
