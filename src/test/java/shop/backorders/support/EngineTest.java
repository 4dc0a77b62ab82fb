package shop.backorders.support;

import org.junit.jupiter.api.AfterEach;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;

/** A test of the engine through the API: after each test the database invariants must still hold. */
public abstract class EngineTest {

    @Inject
    protected AgroalDataSource dataSource;

    @AfterEach
    void invariantsHold() {
        Invariants.assertHold(dataSource);
    }
}
