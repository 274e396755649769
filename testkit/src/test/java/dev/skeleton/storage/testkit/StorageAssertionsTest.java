package dev.skeleton.storage.testkit;

import static dev.skeleton.storage.ErrorCode.KEY_NOT_FOUND;
import static dev.skeleton.storage.ErrorCode.STORE_CLOSED;
import static dev.skeleton.storage.testkit.StorageAssertions.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.StorageException;
import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The error-code assertion must pass only on the right code and explain every other outcome. */
class StorageAssertionsTest {

    @Test
    void returnsTheExceptionWithTheExpectedCode() {
        StorageException thrown = new StorageException(KEY_NOT_FOUND, "missing");

        assertSame(thrown, assertCode(KEY_NOT_FOUND, () -> {
            throw thrown;
        }));
    }

    @Test
    void failsWhenNothingIsThrown() {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> assertCode(KEY_NOT_FOUND, () -> { }, "get(k)"));

        assertEquals("get(k): expected StorageException KEY_NOT_FOUND but nothing was thrown", failure.getMessage());
    }

    @Test
    void failsOnAnotherCodeNamingBoth() {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class, () -> assertCode(KEY_NOT_FOUND, () -> {
            throw new StorageException(STORE_CLOSED, "store s is closed");
        }));

        assertTrue(failure.getMessage().contains("KEY_NOT_FOUND but got STORE_CLOSED (store s is closed)"),
                failure.getMessage());
    }

    @Test
    void failsOnANullPointerExceptionKeepingItAsCause() {
        NullPointerException npe = new NullPointerException("deep inside");

        AssertionFailedError failure = assertThrows(AssertionFailedError.class, () -> assertCode(KEY_NOT_FOUND, () -> {
            throw npe;
        }));

        assertSame(npe, failure.getCause());
        assertTrue(failure.getMessage().contains("NullPointerException"), failure.getMessage());
    }

    @Test
    void failsOnACheckedException() {
        AssertionFailedError failure = assertThrows(AssertionFailedError.class, () -> assertCode(KEY_NOT_FOUND, () -> {
            throw new IOException("disk");
        }));

        assertInstanceOf(IOException.class, failure.getCause());
    }

    @Test
    void assertionErrorsInsideTheCallPassUnchanged() {
        AssertionError inner = new AssertionError("checked by a visitor");

        assertSame(inner, assertThrows(AssertionError.class, () -> assertCode(KEY_NOT_FOUND, () -> {
            throw inner;
        })));
    }
}
