package shop.backorders.support;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One embedded PostgreSQL for the packaged-service tests of a run (failsafe runs them one after another in one
 * JVM): each starting its own cost seconds of the build. Stopped when the JVM ends.
 */
public final class PackagedDatabase {

    private static EmbeddedPostgres database;

    private PackagedDatabase() {
    }

    public static synchronized EmbeddedPostgres get() {
        if (database == null) {
            try {
                database = EmbeddedPostgres.builder().start();
            } catch (IOException e) {
                throw new UncheckedIOException("the embedded PostgreSQL did not start", e);
            }
            EmbeddedPostgres started = database;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    started.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        return database;
    }
}
