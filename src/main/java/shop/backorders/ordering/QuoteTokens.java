package shop.backorders.ordering;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import shop.backorders.ordering.Availability.Source;
import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.ShopConfig;
import shop.backorders.shared.ShopException;
import shop.backorders.shared.SigningKeys;

/**
 * A quote's token: what each line was promised, sealed ({@link SigningKeys#seal}) so a shopper carries it to
 * checkout unable to read the shop's counts or change them, and expiring ({@code shop.quote.valid-for}). It
 * names the lines by a digest of their SKUs and quantities, and holds per line the units that ship now, the
 * estimate, and the day each later part is expected: small (a few bytes a line), so a cart's token stays a
 * short string.
 */
@ApplicationScoped
public class QuoteTokens {

    private static final String PURPOSE = "quote";
    private static final int FORMAT = 1;
    private static final int DIGEST_BYTES = 16;

    private final SigningKeys keys;
    private final Duration validFor;
    private final ShopClock clock;

    @Inject
    public QuoteTokens(SigningKeys keys, ShopConfig config, ShopClock clock) {
        this(keys, config.quote().validFor(), clock);
    }

    public QuoteTokens(SigningKeys keys, Duration validFor, ShopClock clock) {
        this.keys = keys;
        this.validFor = validFor;
        this.clock = clock;
    }

    /** The quote of these answers, one per line of an order's merged lines, with its token. */
    public Quote issue(List<Availability> lines) {
        Instant expiresAt = clock.now().plus(validFor);
        LocalDate today = clock.today();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(FORMAT);
            writeNumber(out, expiresAt.getEpochSecond());
            writeNumber(out, today.toEpochDay());
            out.write(digest(lines.stream().map(line -> new PlaceOrder.Line(line.sku(), line.quantity())).toList()));
            for (Availability line : bySku(lines)) {
                writeNumber(out, line.orderable() ? 1 : 0);
                if (line.orderable()) {
                    List<Part> later = waiting(line);
                    writeNumber(out, line.allocated());
                    writeNumber(out, line.eta() == null ? -1 : line.eta().toEpochDay() - today.toEpochDay());
                    writeNumber(out, later.size());
                    for (Part part : later) {
                        writeNumber(out, part.units());
                        writeNumber(out, part.day().toEpochDay() - today.toEpochDay());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory", e);
        }
        return new Quote(lines, keys.seal(PURPOSE, bytes.toByteArray()), expiresAt);
    }

    /**
     * What the quote whose token this is promised these lines (an order's, merged): LINK_INVALID unless this
     * shop made it, QUOTE_EXPIRED past its expiry, INVALID_INPUT if it quoted other lines or quantities.
     */
    public Promise open(String token, List<PlaceOrder.Line> lines) {
        byte[] content = keys.opened(PURPOSE, token).orElseThrow(QuoteTokens::invalid);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(content))) {
            if (in.readByte() != FORMAT) {
                throw invalid(); // made by an earlier version of the shop
            }
            Instant expiresAt = Instant.ofEpochSecond(readNumber(in));
            LocalDate quotedOn = LocalDate.ofEpochDay(readNumber(in));
            if (!expiresAt.isAfter(clock.now())) {
                throw new ShopException(ErrorCode.QUOTE_EXPIRED, "This quote expired at " + expiresAt
                        + "; quote again and place the order with the new token");
            }
            if (!Arrays.equals(in.readNBytes(DIGEST_BYTES), digest(lines))) {
                throw ShopException.invalidInput("quoteToken is the token of a quote for other lines or quantities"
                        + " than this order's");
            }
            Map<String, Promised> promised = new LinkedHashMap<>();
            for (String sku : PlaceOrder.skus(lines)) {
                promised.put(sku, readPromised(in, quotedOn));
            }
            return new Promise(promised);
        } catch (IOException truncated) {
            throw invalid();
        }
    }

    /** What a quote promised each line of an order, by SKU. */
    public record Promise(Map<String, Promised> lines) {

        /** Whether these answers, one per line, give every line at least as much as promised. */
        boolean keptBy(List<Availability> now) {
            return now.stream().allMatch(line -> lines.get(line.sku()).keptBy(line));
        }
    }

    /**
     * What a quote promised one line: nothing if it was refused then; else the units shipping now, the estimate,
     * and the later parts in order of arrival.
     */
    record Promised(boolean orderable, int now, LocalDate eta, List<Part> later) {

        /** At least as many units now, and by every day a part was promised on at least as many units in all. */
        boolean keptBy(Availability line) {
            if (!orderable) {
                return true;
            }
            if (!line.orderable() || line.allocated() < now
                    || eta != null && line.eta() != null && line.eta().isAfter(eta)) {
                return false;
            }
            List<Part> given = waiting(line);
            return later.stream().allMatch(part -> unitsBy(line.allocated(), given, part.day())
                    >= unitsBy(now, later, part.day()));
        }

        private static int unitsBy(int now, List<Part> later, LocalDate day) {
            return now + later.stream().filter(part -> !part.day().isAfter(day)).mapToInt(Part::units).sum();
        }
    }

    /** Units that do not ship now, and the day they are expected. */
    record Part(int units, LocalDate day) {
    }

    private static Promised readPromised(DataInputStream in, LocalDate quotedOn) throws IOException {
        if (readNumber(in) == 0) {
            return new Promised(false, 0, null, List.of());
        }
        int now = (int) readNumber(in);
        long eta = readNumber(in);
        int parts = (int) readNumber(in);
        List<Part> later = new ArrayList<>();
        for (int i = 0; i < parts; i++) {
            later.add(new Part((int) readNumber(in), quotedOn.plusDays(readNumber(in))));
        }
        return new Promised(true, now, eta < 0 ? null : quotedOn.plusDays(eta), later);
    }

    /** The parts of a line that do not ship now: a promise is about days, not where the units come from. */
    private static List<Part> waiting(Availability line) {
        return line.deliveries().stream().filter(part -> part.source() != Source.STOCK)
                .map(part -> new Part(part.quantity(), part.date())).toList();
    }

    private static List<Availability> bySku(List<Availability> lines) {
        return lines.stream().sorted(Comparator.comparing(Availability::sku)).toList();
    }

    /** Names the lines: their SKUs and quantities, in SKU order. */
    private static byte[] digest(List<PlaceOrder.Line> lines) {
        String named = lines.stream().sorted(Comparator.comparing(PlaceOrder.Line::sku))
                .map(line -> line.sku() + "=" + line.quantity()).collect(Collectors.joining("\n"));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(named.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(digest, DIGEST_BYTES);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    private static ShopException invalid() {
        return new ShopException(ErrorCode.LINK_INVALID, "quoteToken is not a token of this shop's quotes; quote"
                + " again and place the order with the new token");
    }

    /** A number in as few bytes as it needs: zigzag, then 7 bits a byte. */
    private static void writeNumber(DataOutputStream out, long value) throws IOException {
        long zigzag = (value << 1) ^ (value >> 63);
        while ((zigzag & ~0x7FL) != 0) {
            out.writeByte((int) (zigzag & 0x7F) | 0x80);
            zigzag >>>= 7;
        }
        out.writeByte((int) zigzag);
    }

    private static long readNumber(DataInputStream in) throws IOException {
        long zigzag = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int next = in.readUnsignedByte();
            zigzag |= (long) (next & 0x7F) << shift;
            if ((next & 0x80) == 0) {
                return (zigzag >>> 1) ^ -(zigzag & 1);
            }
        }
        throw new IOException("a number longer than 64 bits");
    }
}
