package shop.backorders.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The one normal form of an address: what is one customer, what is another, and what is no address. */
class EmailAddressTest {

    @Test
    void asciiCaseAndSurroundingSpaceDoNotMakeAnotherAddress() {
        assertEquals("bob@gmail.com", EmailAddress.normalised("  BOB@Gmail.COM "));
        assertEquals("grace.hopper+shop@example.com", EmailAddress.normalised("Grace.Hopper+Shop@EXAMPLE.com"));
    }

    @Test
    void lookAlikesOfAsciiLettersAreOtherAddresses() {
        // Dotless ı: Unicode case folding makes it i; IDNA keeps it, so the domain is another one.
        assertEquals("bob@xn--gmal-nza.com", EmailAddress.normalised("bob@gmaıl.com"));
        assertNotEquals(EmailAddress.normalised("bob@gmail.com"), EmailAddress.normalised("bob@gmaıl.com"));
        // In the local part nothing but ASCII is folded: ı stays ı, İ stays İ.
        assertEquals("bıb@gmail.com", EmailAddress.normalised("bıb@gmail.com"));
        assertEquals("\u0130nes@example.com", EmailAddress.normalised("\u0130nes@example.com"));
    }

    @Test
    void theKelvinSignIsRefusedNotMadeAK() {
        // NFC would turn the Kelvin sign (U+212A) into K, and K becomes k: another character in disguise.
        for (String disguised : List.of("\u212Aim@example.com", "bob@exampl\u212A.com", "\u2126hm@example.com")) {
            assertThrows(IllegalArgumentException.class, () -> EmailAddress.normalised(disguised), disguised);
        }
    }

    @Test
    void anInternationalDomainIsItsPunycode() {
        String punycode = "ana@xn--bcher-kva.example";
        assertEquals(punycode, EmailAddress.normalised("ana@bücher.example"));
        assertEquals(punycode, EmailAddress.normalised("Ana@BÜCHER.Example"));
        assertEquals(punycode, EmailAddress.normalised("ana@XN--BCHER-KVA.example"));
    }

    @Test
    void aLocalPartIsComposedToNfcAfterItsAsciiLettersAreLowered() {
        assertEquals("jos\u00E9@example.com", EmailAddress.normalised("jose\u0301@example.com"));
        assertEquals("jos\u00E9@example.com", EmailAddress.normalised("jos\u00E9@example.com"));
        // J with a caron has no composed form, j with one has (U+01F0).
        assertEquals("\u01F0@example.com", EmailAddress.normalised("J\u030C@example.com"));
    }

    @Test
    void theNormalFormIsItsOwnNormalForm() {
        for (String address : List.of("BOB@Gmail.COM", "bob@gmaıl.com", "Ana@BÜCHER.Example",
                "jose\u0301@example.com", "J\u030C@example.com", "Ünal@Strasse-Frei.example",
                "o'brien@example.co.uk")) {
            String normal = EmailAddress.normalised(address);
            assertEquals(normal, EmailAddress.normalised(normal), address);
        }
    }

    @Test
    void whatCannotBeNormalisedIsRefused() {
        List<String> refused = List.of("", "   ", "not-an-address", "a@b", "@example.com", "a@", "a@@example.com",
                "a b@example.com", "\"a b\"@example.com", "a..b@example.com", ".a@example.com", "a.@example.com",
                "a@example.com.", "a@-example.com", "a@exa_mple.com", "a@[192.0.2.1]",
                // Controls and invisible characters, in either part
                "a\u0000@example.com", "a@example.com\r\nBcc: everyone@example.com", "a\u200Bb@example.com",
                "bob@gma\u200Bil.com", "a\u202Eb@example.com", "a\u00ADb@example.com", "bob@gma\u00ADil.com",
                // Private use and unassigned code points
                "a\uE000@example.com", "a\u0378@example.com",
                // IDNA2003 and IDNA2008 disagree on these domains
                "a@straße.de", "a@\u03C3\u03BF\u03C6\u03CC\u03C2.gr",
                "x".repeat(250) + "@example.com", "a@" + "b".repeat(64) + ".com");
        for (String address : refused) {
            assertThrows(IllegalArgumentException.class, () -> EmailAddress.normalised(address), address);
        }
        assertThrows(IllegalArgumentException.class, () -> EmailAddress.normalised(null));
    }

    @Test
    void anInputFieldThatIsNoAddressIsInvalidInputNamingTheField() {
        ShopException refused = assertThrows(ShopException.class,
                () -> EmailAddress.checked("customerEmail", "a\u0000@example.com"));
        assertEquals(ErrorCode.INVALID_INPUT, refused.code());
        assertTrue(refused.getMessage().startsWith("customerEmail "), refused.getMessage());
    }
}
