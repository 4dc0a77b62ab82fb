package shop.backorders.ordering;

import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.ShopException;

/** An order placed with a quote the shop can no longer honour: refused, nothing written, the fresh quote to show. */
public class QuoteChanged extends ShopException {

    private final transient Quote fresh;

    QuoteChanged(Quote fresh) {
        super(ErrorCode.QUOTE_CHANGED, "Stock or supply changed since this quote: the order would now get less at once"
                + " or later than quoted, so nothing was placed. The fresh quote is in extensions.quote; place the"
                + " order with its token if the shopper accepts it.");
        this.fresh = fresh;
    }

    public Quote fresh() {
        return fresh;
    }
}
