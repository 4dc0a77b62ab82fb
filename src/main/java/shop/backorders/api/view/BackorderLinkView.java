package shop.backorders.api.view;

import java.time.Instant;
import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import shop.backorders.backorder.BackorderService.LinkedBackorder;

@Name("BackorderLink")
@Description("What a link from a mail offers to do with one backorder.")
public record BackorderLinkView(
        @NonNull @Description("What the link does when redeemed.") BackorderLinkAction action,
        @Description("For ACCEPT_NEW_DATE: the date the customer accepts.") LocalDate eta,
        @NonNull @Description("Until when the link works.") Instant expiresAt,
        @NonNull @Description("The backorder, as it is now.") BackorderView backorder) {

    public static BackorderLinkView from(LinkedBackorder linked) {
        return new BackorderLinkView(Enums.map(linked.link().action(), BackorderLinkAction.class), linked.link().date(),
                linked.link().expiresAt(), BackorderView.from(linked.backorder()));
    }

    @Name("BackorderLinkAction")
    @Description("What a link from a mail does.")
    public enum BackorderLinkAction {
        @Description("Accepts the date the backorder slipped to, as acceptNewEta does.")
        ACCEPT_NEW_DATE,
        @Description("Cancels the backorder, as cancelBackorder does.")
        CANCEL
    }
}
