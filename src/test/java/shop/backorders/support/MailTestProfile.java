package shop.backorders.support;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The application sending real mail over SMTP to a GreenMail server on {@link Inbox#PORT}. Tests run the
 * dispatcher themselves (and move the clock for retries), so what is sent when is theirs to decide.
 */
public class MailTestProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "quarkus.mailer.mock", "false",
                "quarkus.mailer.host", "localhost",
                "quarkus.mailer.port", Integer.toString(Inbox.PORT),
                "shop.mail.first-retry", "2s",
                "shop.mail.max-retry-interval", "10s",
                "shop.mail.max-attempts", "3",
                "shop.mail.eta-window", "1m");
    }
}
