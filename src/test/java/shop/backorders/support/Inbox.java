package shop.backorders.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.sql.DataSource;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.vertx.VertxContextSupport;
import shop.backorders.notification.MailDispatcher;

/**
 * A real SMTP server (GreenMail) for the application to send to, and what it received. Stopping it is
 * a mail server outage; starting it again brings up a fresh server on the same port.
 */
public final class Inbox implements AutoCloseable {

    /** Where the test configuration points the mailer (%test.quarkus.mailer.port). */
    public static final int PORT = 3025;

    private final List<Mail> earlier = new ArrayList<>();
    private GreenMail server;

    public static Inbox start() {
        Inbox inbox = new Inbox();
        inbox.up();
        return inbox;
    }

    /** A fresh server, the outbox rid of mail other tests left due, so a dispatch sends only this test's. */
    public static Inbox startWithEmptyOutbox(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM notification WHERE state IN ('PENDING', 'SENDING')");
        }
        return start();
    }

    public void down() {
        earlier.addAll(receivedHere());
        server.stop();
        server = null;
    }

    public void up() {
        server = new GreenMail(new ServerSetup(PORT, "localhost", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    /** Every mail received so far, in arrival order, across outages. */
    public List<Mail> received() {
        List<Mail> all = new ArrayList<>(earlier);
        if (server != null) {
            all.addAll(receivedHere());
        }
        return all;
    }

    /** The mails received for one address. */
    public List<Mail> to(String address) {
        return received().stream().filter(mail -> mail.to().equalsIgnoreCase(address)).toList();
    }

    /** The latest of the mails to this address, which must have received exactly this many. */
    public Mail latest(String address, int expectedCount) {
        List<Mail> mails = to(address);
        assertEquals(expectedCount, mails.size(), () -> "mails to " + address + ": "
                + mails.stream().map(Mail::subject).toList());
        return mails.get(expectedCount - 1);
    }

    /** Has the dispatcher send what is due now, as its schedule would; how many it attempted. */
    public static int dispatch(MailDispatcher dispatcher) {
        try {
            return VertxContextSupport.subscribeAndAwait(dispatcher::dispatchDue);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop();
        }
    }

    private List<Mail> receivedHere() {
        return Arrays.stream(server.getReceivedMessages()).map(Inbox::mail).toList();
    }

    /** A received mail, its two alternative bodies read out. */
    public record Mail(String to, String subject, String messageId, String replyTo, String text, String html) {
    }

    private static Mail mail(MimeMessage message) {
        try {
            String text = null;
            String html = null;
            if (message.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    BodyPart part = multipart.getBodyPart(i);
                    if (part.isMimeType("text/plain")) {
                        text = (String) part.getContent();
                    } else if (part.isMimeType("text/html")) {
                        html = (String) part.getContent();
                    }
                }
            }
            return new Mail(message.getAllRecipients()[0].toString(), message.getSubject(), message.getMessageID(),
                    message.getReplyTo() == null ? null : message.getReplyTo()[0].toString(), text, html);
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException("unreadable mail", e);
        }
    }
}
