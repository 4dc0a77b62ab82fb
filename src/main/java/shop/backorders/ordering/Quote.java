package shop.backorders.ordering;

import java.time.Instant;
import java.util.List;

/**
 * What an order of these lines would get if placed now, with a token that holds the shop to it at checkout
 * until it expires: the order then gets at least as much, or is refused with a fresh quote. It reserves nothing.
 */
public record Quote(List<Availability> lines, String token, Instant expiresAt) {
}
