package shop.backorders.demo;

import java.time.Duration;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.jwt.build.Jwt;

/**
 * Ready-to-paste tokens for dev mode, signed with the dev-only key in src/dev/jwt (the bean does not
 * exist in other builds): one for staff, one for a demo customer with waiting backorders, one for a demo
 * supplier. Paste a line into GraphiQL's Headers tab, or the staff line into the console's sign-in.
 */
@ApplicationScoped
@IfBuildProfile("dev")
public class DevTokens {

    private static final Logger LOG = Logger.getLogger(DevTokens.class);
    private static final Duration VALID_FOR = Duration.ofDays(1);

    private final String issuer;
    private final Set<String> audiences;

    public DevTokens(@ConfigProperty(name = "mp.jwt.verify.issuer") String issuer,
            @ConfigProperty(name = "mp.jwt.verify.audiences") Set<String> audiences) {
        this.issuer = issuer;
        this.audiences = audiences;
    }

    void print(@Observes StartupEvent started) {
        LOG.infof("""
                Dev tokens, valid for %d hours; paste one line into GraphiQL's Headers tab \
                (http://localhost:8080/q/graphql-ui), or the staff line into the console's sign-in \
                (http://localhost:8080/console):
                  staff:                   {"Authorization": "Bearer %s"}
                  customer ada@example.com: {"Authorization": "Bearer %s"}
                  supplier orders@ergo-supply.example: {"Authorization": "Bearer %s"}""",
                VALID_FOR.toHours(), token("staff@backorders.dev", "staff"), token("ada@example.com", "customer"),
                token("orders@ergo-supply.example", "supplier"));
    }

    private String token(String email, String role) {
        return Jwt.issuer(issuer).audience(audiences).subject(email).claim("email", email)
                .claim("email_verified", true).groups(Set.of(role)).expiresIn(VALID_FOR).sign();
    }
}
