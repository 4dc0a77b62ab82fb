package shop.backorders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/** Dependencies point one way: each room uses only the rooms docs/design.md says it may. */
class RoomsTest {

    private static final Path MAIN = Path.of("src/main/java/shop/backorders");
    private static final Pattern REFERENCE = Pattern.compile("shop\\.backorders\\.([a-z]+)\\.");
    private static final Set<String> DOMAIN = Set.of("catalog", "inventory", "backorder", "ordering", "changes",
            "shared");

    private static final Map<String, Set<String>> MAY_USE = Map.ofEntries(
            Map.entry("shared", Set.of()),
            Map.entry("changes", Set.of("shared")),
            Map.entry("catalog", Set.of("shared")),
            Map.entry("inventory", Set.of("catalog", "changes", "shared")),
            Map.entry("backorder", Set.of("inventory", "catalog", "changes", "shared")),
            Map.entry("ordering", Set.of("backorder", "inventory", "catalog", "changes", "shared")),
            Map.entry("insight", Set.of("shared")),
            Map.entry("supply", Set.of("insight", "inventory", "catalog", "changes", "shared")),
            Map.entry("notification", Set.of("supply", "backorder", "inventory", "changes", "shared")),
            Map.entry("live", DOMAIN),
            Map.entry("api", Set.of("catalog", "inventory", "backorder", "ordering", "supply", "insight", "notification",
                    "live", "changes", "shared")),
            Map.entry("demo", Set.of("catalog", "inventory", "backorder", "ordering", "supply", "changes", "shared")));

    @Test
    void eachRoomUsesOnlyTheRoomsBelowIt() throws IOException {
        Map<String, Set<String>> trespasses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(MAIN)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                String room = MAIN.relativize(file).getName(0).toString();
                Set<String> allowed = MAY_USE.get(room);
                Matcher used = REFERENCE.matcher(read(file));
                while (used.find()) {
                    String other = used.group(1);
                    if (!other.equals(room) && (allowed == null || !allowed.contains(other))) {
                        trespasses.computeIfAbsent(MAIN.relativize(file).toString(), key -> new TreeSet<>())
                                .add(other);
                    }
                }
            });
        }
        assertEquals(Map.of(), trespasses, "files using rooms they may not (or rooms docs/design.md does not list)");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
