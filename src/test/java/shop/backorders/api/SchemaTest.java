package shop.backorders.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * The GraphQL schema is a reviewed contract: the live schema must equal the committed schema.graphql,
 * so every change to it shows in a diff. After a deliberate change, rewrite the file with
 * {@code ./mvnw verify -Dtest=SchemaTest -Dschema.update=true}.
 */
@QuarkusTest
class SchemaTest {

    private static final Path COMMITTED = Path.of("schema.graphql");

    @Test
    void liveSchemaIsTheCommittedOne() throws IOException {
        String live = given().when().get("/graphql/schema.graphql").then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("schema.update")) {
            Files.writeString(COMMITTED, live, StandardCharsets.UTF_8);
        }
        assertEquals(Files.readString(COMMITTED, StandardCharsets.UTF_8), live,
                "the schema changed: review it and rewrite schema.graphql with -Dschema.update=true");
    }
}
