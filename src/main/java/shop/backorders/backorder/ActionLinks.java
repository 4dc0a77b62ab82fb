package shop.backorders.backorder;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.ShopConfig;
import shop.backorders.shared.ShopException;
import shop.backorders.shared.SigningKeys;

/**
 * Links in mails that let a customer answer the question a delay mail asks without signing in: keep the
 * backorder for the new date, or cancel it. Each carries a token naming the backorder, the action (and the
 * date, for an acceptance), the question it answers and an expiry, signed ({@link SigningKeys#sign}), so it
 * cannot be forged, stretched or turned to another backorder, action or question. A question is one round of
 * asking for consent, named by its deadline, which each round gets once and keeps.
 */
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

    private static final int FIELDS = 5;

    private final SigningKeys keys;
    private final Duration validFor;
    private final ShopClock clock;

    @Inject
    public ActionLinks(SigningKeys keys, ShopConfig config, ShopClock clock) {
        this(keys, config.links().validFor(), clock);
    }

    public ActionLinks(SigningKeys keys, Duration validFor, ShopClock clock) {
        this.keys = keys;
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
        return keys.sign(payload);
    }

    /** The link a token stands for: LINK_INVALID unless this shop signed it, LINK_EXPIRED once it expired. */
    public Link verify(String token) {
        String[] fields = keys.verified(token == null || token.length() > 512 ? null : token)
                .orElseThrow(ActionLinks::invalid).split("\\|", -1);
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
}
