package shop.backorders.backorder;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.Startup;
import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.ShopConfig;
import shop.backorders.shared.ShopException;

/**
 * Links in mails that let a customer answer without signing in: accept the new date of one backorder,
 * or cancel it. Each carries a token naming the backorder, the action (and the date, for an
 * acceptance) and an expiry, signed with HMAC-SHA256 under the shop's secret, so it cannot be forged,
 * stretched or turned to another backorder or action. A link is not spent by use: it acts only while
 * the backorder is in the state it was made for, so replaying it changes nothing.
 */
@Startup // a secret too short is refused at start, not at the first mail
@ApplicationScoped
public class ActionLinks {

    public enum Action {
        ACCEPT_NEW_DATE,
        CANCEL
    }

    /** What a valid token allows: this action on this backorder; for an acceptance, of this date. */
    public record Link(long backorderId, Action action, LocalDate date, Instant expiresAt) {
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String ALGORITHM = "HmacSHA256";
    private static final int MIN_SECRET_BYTES = 32;

    private final SecretKeySpec key;
    private final Duration validFor;
    private final ShopClock clock;

    @Inject
    public ActionLinks(ShopConfig config, ShopClock clock) {
        this(config.links().secret(), config.links().validFor(), clock);
    }

    public ActionLinks(String secret, Duration validFor, ShopClock clock) {
        byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
        if (bytes.length < MIN_SECRET_BYTES) {
            throw new IllegalStateException("shop.links.secret (SHOP_LINKS_SECRET) must be at least "
                    + MIN_SECRET_BYTES + " bytes of random text; it signs the action links in mails");
        }
        this.key = new SecretKeySpec(bytes, ALGORITHM);
        this.validFor = validFor;
        this.clock = clock;
    }

    /** A token for this action on this backorder, valid for {@code shop.links.valid-for} from now. */
    public String sign(long backorderId, Action action, LocalDate date) {
        String payload = backorderId + "|" + action + "|" + (date == null ? "" : date) + "|"
                + clock.now().plus(validFor).getEpochSecond();
        String encoded = ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return encoded + "." + ENCODER.encodeToString(mac(encoded));
    }

    /** The link a token stands for: LINK_INVALID unless this shop signed it, LINK_EXPIRED once it expired. */
    public Link verify(String token) {
        int dot = token == null ? -1 : token.indexOf('.');
        if (dot < 1 || token.length() > 512) {
            throw invalid();
        }
        String encoded = token.substring(0, dot);
        byte[] signature;
        String[] fields;
        try {
            signature = DECODER.decode(token.substring(dot + 1));
            fields = new String(DECODER.decode(encoded), StandardCharsets.UTF_8).split("\\|", -1);
        } catch (IllegalArgumentException notBase64) {
            throw invalid();
        }
        if (!MessageDigest.isEqual(signature, mac(encoded)) || fields.length != 4) {
            throw invalid();
        }
        Link link;
        try {
            link = new Link(Long.parseLong(fields[0]), Action.valueOf(fields[1]),
                    fields[2].isEmpty() ? null : LocalDate.parse(fields[2]),
                    Instant.ofEpochSecond(Long.parseLong(fields[3])));
        } catch (IllegalArgumentException | DateTimeParseException malformed) {
            throw invalid(); // signed by this shop yet unreadable: a token format it no longer reads
        }
        if (!link.expiresAt().isAfter(clock.now())) {
            throw new ShopException(ErrorCode.LINK_EXPIRED, "This link expired; sign in to manage your backorder");
        }
        return link;
    }

    private byte[] mac(String encoded) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(encoded.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
        }
    }

    private static ShopException invalid() {
        return new ShopException(ErrorCode.LINK_INVALID, "This link is not valid; use the link from your latest"
                + " mail, or sign in to manage your backorder");
    }
}
