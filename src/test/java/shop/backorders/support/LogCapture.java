package shop.backorders.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the application logs at a level or above while it is open, from every category: the test application
 * logs through the same log manager as the test (JBoss LogManager, whose root is java.util.logging's).
 */
public final class LogCapture extends Handler implements AutoCloseable {

    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogCapture(Level level) {
        setLevel(level);
    }

    public static LogCapture from(Level level) {
        LogCapture capture = new LogCapture(level);
        Logger.getLogger("").addHandler(capture);
        return capture;
    }

    /** Each record captured so far: level, category, message and what was thrown. */
    public List<String> lines() {
        return records.stream().map(record -> record.getLevel() + " " + record.getLoggerName() + ": "
                + record.getMessage() + (record.getThrown() == null ? "" : " (" + record.getThrown() + ")")).toList();
    }

    @Override
    public void publish(LogRecord record) {
        if (isLoggable(record)) {
            records.add(record);
        }
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        Logger.getLogger("").removeHandler(this);
    }
}
