package shop.backorders.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.apache.commons.io.FileUtils;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * One embedded PostgreSQL for the packaged-service tests of a run (failsafe runs them one after another in one
 * JVM): each starting its own cost seconds of the build. It can be stopped under the instances and started again
 * with its data on its port, as a database server restarts. Stopped and removed when the JVM ends.
 */
public final class PackagedDatabase {

    private static Path dataDirectory;
    private static int port;
    private static EmbeddedPostgres database;

    private PackagedDatabase() {
    }

    public static synchronized EmbeddedPostgres get() {
        if (dataDirectory == null) {
            try {
                dataDirectory = Files.createTempDirectory("packaged-database");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            start(EmbeddedPostgres.builder());
            port = database.getPort();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                stop();
                try {
                    FileUtils.deleteDirectory(dataDirectory.toFile());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }));
        }
        return database;
    }

    /** Stops the server: clients lose their connections, and new ones are refused until {@link #restart}. */
    public static synchronized void stop() {
        try {
            database.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the stopped server again, on its port, with its data. */
    public static synchronized void restart() {
        start(EmbeddedPostgres.builder().setPort(port));
    }

    private static void start(EmbeddedPostgres.Builder builder) {
        try {
            database = builder.setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                    .setRegisterShutdownHook(false).start();
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL did not start", e);
        }
    }
}
