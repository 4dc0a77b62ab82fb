package shop.backorders.api;

import jakarta.annotation.security.PermitAll;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

import shop.backorders.api.view.Money;
import shop.backorders.api.view.ProductView;
import shop.backorders.shared.ShopConfig;

/** Prices in the shop's currency (shop.currency), a setting rather than part of each product. */
@GraphQLApi
@PermitAll
public class PriceApi {

    private final ShopConfig config;

    public PriceApi(ShopConfig config) {
        this.config = config;
    }

    @NonNull
    @Description("Unit price in the shop's currency.")
    public Money price(@Source @Name("product") ProductView product) {
        return Money.of(product.price(), config.currency());
    }
}
