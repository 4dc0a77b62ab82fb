package shop.backorders.api.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

import io.vertx.core.impl.NoStackTraceThrowable;
import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.ShopException;

/**
 * Failures SmallRye would answer as a null field become errors it reports. The pool's timeout is what
 * Vert.x raised when a 1,500-order stampede on one product kept every connection busy for 30 s
 * (bench/run.sh, scenario stampede); before this, those customers were told "placeOrder wrongly
 * returned a null value".
 */
class ErrorCodesTest {

    @Test
    void noDatabaseConnectionInTimeIsUnavailable() {
        Throwable reported = ErrorCodes.reportable(new NoStackTraceThrowable("Timeout"));

        assertEquals(ErrorCode.UNAVAILABLE, assertInstanceOf(ShopException.class, reported).code());
    }

    @Test
    void anyOtherThrowableThatIsNoExceptionBecomesOne() {
        Throwable odd = new NoStackTraceThrowable("Connection is closed");

        Throwable reported = ErrorCodes.reportable(odd);

        assertSame(odd, assertInstanceOf(IllegalStateException.class, reported).getCause());
    }

    @Test
    void exceptionsPassAsTheyAre() {
        ShopException refused = ShopException.invalidInput("no");

        assertSame(refused, ErrorCodes.reportable(refused));
    }
}
