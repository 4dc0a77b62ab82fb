package shop.backorders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The native image initialises every class when it is built (Quarkus' default), so static fields are made on the
 * build machine and frozen into the binary: none may hold what must be made where it runs. A random generator
 * would repeat its numbers at every start (nonces, tokens), a thread or an executor cannot be carried over.
 * (target/native-sources, from `./mvnw package -Dnative -Dquarkus.native.sources-only=true`, is the rest of what
 * can be checked without GraalVM: docs/deployment.md.)
 */
class NativeImageTest {

    private static final Path CLASSES = Path.of("target/classes");
    private static final List<Class<?>> MADE_AT_RUN_TIME = List.of(Random.class, SplittableRandom.class,
            Thread.class, ExecutorService.class);

    @Test
    void noStaticFieldHoldsWhatMustBeMadeAtRunTime() throws Exception {
        TreeSet<String> frozen = new TreeSet<>();
        try (Stream<Path> files = Files.walk(CLASSES.resolve("shop/backorders"))) {
            for (Path file : files.filter(path -> path.toString().endsWith(".class")).toList()) {
                for (Field field : load(file).getDeclaredFields()) {
                    if (Modifier.isStatic(field.getModifiers()) && MADE_AT_RUN_TIME.stream()
                            .anyMatch(type -> type.isAssignableFrom(field.getType()))) {
                        frozen.add(field.getDeclaringClass().getName() + "." + field.getName());
                    }
                }
            }
        }
        assertEquals(new TreeSet<>(), frozen);
    }

    /** The class, loaded without running its initialiser. */
    private static Class<?> load(Path file) throws ClassNotFoundException {
        String name = CLASSES.relativize(file).toString().replace(".class", "").replace('/', '.');
        return Class.forName(name, false, NativeImageTest.class.getClassLoader());
    }
}
