package dev.skeleton.storage.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skeleton.storage.ErrorCode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ErrorStatusTest {

    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "KEY_NOT_FOUND, 404", "STORE_NOT_FOUND, 404", "ENGINE_NOT_FOUND, 404", "VERSION_NOT_FOUND, 404",
        "STORE_EXISTS, 409", "ENGINE_EXISTS, 409", "ENGINE_UNAVAILABLE, 409", "STORE_CLOSED, 409",
        "STORE_FULL, 409", "TX_CONFLICT, 409", "TX_NOT_ACTIVE, 409",
        "INVALID_ARGUMENT, 400", "INVALID_CONFIG, 400", "UNSUPPORTED, 400", "TX_READ_ONLY, 400",
        "IO, 500", "CORRUPTED, 500",
    })
    void everyCodeHasAStatus(ErrorCode code, int status) {
        assertEquals(status, ErrorStatus.of(code));
    }

    @org.junit.jupiter.api.Test
    void theTableCoversEveryCode() {
        assertEquals(17, ErrorCode.values().length, "a new error code needs a row above");
    }
}
