package shop.backorders.notification;

import java.time.Duration;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.VertxInternal;

/**
 * Sends mail through the mailer, every send started on one event loop kept for mail, its outcome handed back
 * on the caller's Vert.x context.
 *
 * <p>Why: the Vert.x mail client (vertx-mail-client 4.5.25, under quarkus-mailer 3.34.1) opens a pooled SMTP
 * connection on whichever event loop is running the pool's queue at the time, but attaches its reply handler
 * afterwards on the loop of the send that asked for the connection. With sends starting on two loops at once
 * the server's 220 greeting can arrive before that handler and is dropped, and the send waits for it until
 * it times out (MailTest reproduces it with a new connection per mail). Started on one loop, every connection
 * is opened and read on that loop. Relies on Vert.x's internal {@code VertxInternal.createEventLoopContext()};
 * look again at both when upgrading Vert.x.
 */
@ApplicationScoped
class MailSender {

    private final Context mailLoop;

    MailSender(Vertx vertx) {
        this.mailLoop = ((VertxInternal) vertx).createEventLoopContext();
    }

    /** Sends a mail; one that takes longer than the timeout fails. Called on a Vert.x context. */
    Uni<Void> send(MailTemplateInstance mail, Duration timeout) {
        return Uni.createFrom().deferred(() -> {
            Context caller = Objects.requireNonNull(Vertx.currentContext(), "mail is sent from a Vert.x context");
            return Uni.createFrom().deferred(mail::send)
                    .runSubscriptionOn(task -> mailLoop.runOnContext(ignored -> task.run()))
                    .ifNoItem().after(timeout).fail()
                    .emitOn(task -> caller.runOnContext(ignored -> task.run()));
        });
    }
}
