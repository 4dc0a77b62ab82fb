package shop.backorders.supply;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.ShopConfig;
import shop.backorders.shared.ShopException;
import shop.backorders.shared.SigningKeys;

/**
 * The link in a purchase order's mail: a supplier without an account reads and answers that one order by it,
 * as often as it needs until the link expires. The token names the order and its supplier and is signed
 * ({@link SigningKeys#sign}) under its own purpose, so it cannot be forged, stretched, turned to another order,
 * or taken for a customer's action link.
 */
@ApplicationScoped
public class PurchaseOrderLinks {

    private static final String PURPOSE = "purchase-order";
    private static final int MAX_TOKEN_LENGTH = 512;

    private final SigningKeys keys;
    private final Duration validFor;
    private final ShopClock clock;

    @Inject
    public PurchaseOrderLinks(SigningKeys keys, ShopConfig config, ShopClock clock) {
        this(keys, config.supply().linkValidFor(), clock);
    }

    public PurchaseOrderLinks(SigningKeys keys, Duration validFor, ShopClock clock) {
        this.keys = keys;
        this.validFor = validFor;
        this.clock = clock;
    }

    /** What a valid token reaches: this purchase order of this supplier. */
    public record Link(long purchaseOrderId, long supplierId, Instant expiresAt) {
    }

    public String sign(long purchaseOrderId, long supplierId) {
        return keys.sign(String.join("|", PURPOSE, Long.toString(purchaseOrderId), Long.toString(supplierId),
                Long.toString(clock.now().plus(validFor).getEpochSecond())));
    }

    /** The order a token reaches: LINK_INVALID unless this shop signed it for one, LINK_EXPIRED once expired. */
    public Link verify(String token) {
        String[] fields = keys.verified(token == null || token.length() > MAX_TOKEN_LENGTH ? null : token)
                .map(payload -> payload.split("\\|", -1))
                .filter(payload -> payload.length == 4 && PURPOSE.equals(payload[0]))
                .orElseThrow(PurchaseOrderLinks::invalid);
        Link link;
        try {
            link = new Link(Long.parseLong(fields[1]), Long.parseLong(fields[2]),
                    Instant.ofEpochSecond(Long.parseLong(fields[3])));
        } catch (NumberFormatException malformed) {
            throw invalid(); // signed by this shop yet unreadable
        }
        if (!link.expiresAt().isAfter(clock.now())) {
            throw new ShopException(ErrorCode.LINK_EXPIRED, "This link expired; ask the shop for a new one");
        }
        return link;
    }

    private static ShopException invalid() {
        return new ShopException(ErrorCode.LINK_INVALID, "This link is not valid; use the link from the shop's"
                + " latest mail about this order");
    }
}
