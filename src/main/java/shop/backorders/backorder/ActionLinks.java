package shop.backorders.backorder;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.Startup;
import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.ShopConfig;
import shop.backorders.shared.ShopException;

/**
 * Links in mails that let a customer answer the question a delay mail asks without signing in: keep the
 * backorder for the new date, or cancel it. Each carries a token naming the backorder, the action (and the
 * date, for an acceptance), the question it answers and an expiry, signed with HMAC-SHA256, so it cannot be
 * forged, stretched or turned to another backorder, action or question. A question is one round of asking
 * for consent, named by its deadline, which each round gets once and keeps. The token starts with the id of
 * the key that signed it: during a rotation the previous secret still verifies the links already mailed.
 */
@Startup // a weak secret is refused at start, not at the first mail
@ApplicationScoped
public class ActionLinks {

    public enum Action {
        ACCEPT_NEW_DATE,
        CANCEL
    }

    /**
     * What a valid token allows: this action on this backorder, as the answer to the question whose deadline
     * was {@code consentDeadline}; for an acceptance, of this date.
     */
    public record Link(long backorderId, Action action, LocalDate date, Instant consentDeadline, Instant expiresAt) {

        /**
         * Passes if the link may still act on a backorder in this state: LINK_USED once a link answered its
         * question, INVALID_STATE once the backorder moved on (filled, cancelled, the question answered some
         * other way or asked anew).
         */
        public void checkAnswers(boolean redeemed, BackorderStatus status, Instant openQuestionDeadline) {
            if (redeemed) {
                throw new ShopException(ErrorCode.LINK_USED, "This link was used already; sign in to see your"
                        + " backorder");
            }
            if (status != BackorderStatus.WAITING || openQuestionDeadline == null
                    || !consentDeadline.equals(openQuestionDeadline.truncatedTo(ChronoUnit.MICROS))) {
                throw ShopException.invalidState("The question this link answers is no longer open; sign in to"
                        + " see your backorder");
            }
        }
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
    private static final String ALGORITHM = "HmacSHA256";
    private static final int FIELDS = 5;

    private final SigningKey current;
    private final List<SigningKey> verifying = new ArrayList<>();
    private final Duration validFor;
    private final ShopClock clock;

    @Inject
    public ActionLinks(ShopConfig config, ShopClock clock) {
        this(config.links().secret(), config.links().previousSecret().orElse(null), config.links().validFor(),
                clock, LaunchMode.current() == LaunchMode.NORMAL);
    }

    /**
     * @param previousSecret the secret before a rotation, still accepted to verify, never to sign; null if none
     * @param production     whether weak and well-known secrets are refused (the packaged service, whatever
     *                       its profile: the dev secret ships inside it)
     */
    public ActionLinks(String secret, String previousSecret, Duration validFor, ShopClock clock, boolean production) {
        this.current = SigningKey.of("SHOP_LINKS_SECRET", secret, production);
        this.verifying.add(current);
        if (previousSecret != null) {
            SigningKey previous = SigningKey.of("SHOP_LINKS_PREVIOUS_SECRET", previousSecret, production);
            if (previous.id().equals(current.id())) {
                throw new IllegalStateException("SHOP_LINKS_PREVIOUS_SECRET is the current secret; set it to the"
                        + " one being replaced, or leave it out");
            }
            verifying.add(previous);
        }
        this.validFor = validFor;
        this.clock = clock;
    }

    /**
     * A token for this action on this backorder, answering the question that has this deadline, valid for
     * {@code shop.links.valid-for} from now.
     */
    public String sign(long backorderId, Action action, LocalDate date, Instant consentDeadline) {
        String payload = String.join("|", Long.toString(backorderId), action.name(),
                date == null ? "" : date.toString(),
                Long.toString(ChronoUnit.MICROS.between(Instant.EPOCH, consentDeadline)),
                Long.toString(clock.now().plus(validFor).getEpochSecond()));
        String signed = current.id() + "." + ENCODER.encodeToString(payload.getBytes(StandardCharsets.UTF_8));
        return signed + "." + ENCODER.encodeToString(current.mac(signed));
    }

    /** The link a token stands for: LINK_INVALID unless this shop signed it, LINK_EXPIRED once it expired. */
    public Link verify(String token) {
        String[] parts = token == null || token.length() > 512 ? new String[0] : token.split("\\.", -1);
        if (parts.length != 3) {
            throw invalid();
        }
        SigningKey key = verifying.stream().filter(candidate -> candidate.id().equals(parts[0])).findFirst()
                .orElseThrow(ActionLinks::invalid);
        String signed = parts[0] + "." + parts[1];
        String[] fields;
        try {
            if (!MessageDigest.isEqual(DECODER.decode(parts[2]), key.mac(signed))) {
                throw invalid();
            }
            fields = new String(DECODER.decode(parts[1]), StandardCharsets.UTF_8).split("\\|", -1);
        } catch (IllegalArgumentException notBase64) {
            throw invalid();
        }
        Link link;
        try {
            if (fields.length != FIELDS) {
                throw new IllegalArgumentException("a token format this shop no longer reads");
            }
            link = new Link(Long.parseLong(fields[0]), Action.valueOf(fields[1]),
                    fields[2].isEmpty() ? null : LocalDate.parse(fields[2]),
                    Instant.EPOCH.plus(Long.parseLong(fields[3]), ChronoUnit.MICROS),
                    Instant.ofEpochSecond(Long.parseLong(fields[4])));
        } catch (IllegalArgumentException | DateTimeParseException malformed) {
            throw invalid(); // signed by this shop yet unreadable
        }
        if (!link.expiresAt().isAfter(clock.now())) {
            throw new ShopException(ErrorCode.LINK_EXPIRED, "This link expired; sign in to manage your backorder");
        }
        return link;
    }

    private static ShopException invalid() {
        return new ShopException(ErrorCode.LINK_INVALID, "This link is not valid; use the link from your latest"
                + " mail, or sign in to manage your backorder");
    }

    /** A secret that signs links, and the id tokens name it by: a short digest, so that none need be configured. */
    record SigningKey(String id, SecretKeySpec key) {

        private static final int MIN_BYTES = 32;
        private static final double MIN_ENTROPY_BITS = 128;
        /** Words of the placeholders in this repository, its examples and the dev profile. */
        private static final List<String> PLACEHOLDER_WORDS = List.of("change-me", "changeme", "example",
                "placeholder", "dev-only", "not-for-production", "secret", "0123456789");

        static SigningKey of(String variable, String secret, boolean production) {
            byte[] bytes = secret.getBytes(StandardCharsets.UTF_8);
            if (bytes.length < MIN_BYTES) {
                throw weak(variable, "it is shorter than " + MIN_BYTES + " bytes");
            }
            if (production) {
                String lower = secret.toLowerCase(Locale.ROOT);
                String word = PLACEHOLDER_WORDS.stream().filter(lower::contains).findFirst().orElse(null);
                if (word != null) {
                    throw weak(variable, "it looks like a placeholder (it contains \"" + word + "\")");
                }
                if (entropyBits(secret) < MIN_ENTROPY_BITS) {
                    throw weak(variable, "it repeats too few characters to be random");
                }
            }
            byte[] digest = sha256(bytes);
            return new SigningKey(ENCODER.encodeToString(digest).substring(0, 8), new SecretKeySpec(bytes, ALGORITHM));
        }

        byte[] mac(String signed) {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(key);
                return mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("HmacSHA256 is part of every JVM", e);
            }
        }

        /** Shannon entropy of the secret's characters times its length: a generous estimate of its randomness. */
        static double entropyBits(String secret) {
            Map<Integer, Long> counts = secret.codePoints().boxed()
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            long length = secret.codePoints().count();
            return counts.values().stream()
                    .mapToDouble(count -> -count * Math.log((double) count / length) / Math.log(2)).sum();
        }

        private static byte[] sha256(byte[] bytes) {
            try {
                return MessageDigest.getInstance("SHA-256").digest(bytes);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("SHA-256 is part of every JVM", e);
            }
        }

        private static IllegalStateException weak(String variable, String why) {
            return new IllegalStateException(variable + " is refused: " + why + ". It signs the links in mails:"
                    + " use random text, e.g. $(openssl rand -base64 48), the same on every replica");
        }
    }
}
