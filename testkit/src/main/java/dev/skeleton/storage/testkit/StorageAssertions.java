package dev.skeleton.storage.testkit;

import static dev.skeleton.storage.testkit.Bytes.show;
import static dev.skeleton.storage.testkit.Bytes.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import java.util.List;
import org.junit.jupiter.api.function.Executable;
import org.opentest4j.AssertionFailedError;

/**
 * Assertions for storage tests: that a call fails with a given {@link ErrorCode}, and that a store
 * holds (or lacks) given content.
 *
 * <p>{@link #assertCode(ErrorCode, Executable)} is strict on purpose: a call that returns normally,
 * throws a {@link StorageException} with another code, or throws anything else (a
 * {@link NullPointerException} from deep inside an engine, say) fails the test with a message that
 * says what was expected and what happened, and keeps the unexpected exception as the cause.
 */
public final class StorageAssertions {

    private StorageAssertions() {
    }

    /**
     * Asserts that a call throws a {@link StorageException} with the expected code.
     *
     * @param expected the code the call must fail with
     * @param call     the call
     * @return the exception, for further checks of its message
     */
    public static StorageException assertCode(ErrorCode expected, Executable call) {
        return assertCode(expected, call, null);
    }

    /**
     * Asserts that a call throws a {@link StorageException} with the expected code.
     *
     * @param expected the code the call must fail with
     * @param call     the call
     * @param what     what the call is, for the failure message (may be null)
     * @return the exception, for further checks of its message
     */
    public static StorageException assertCode(ErrorCode expected, Executable call, String what) {
        String prefix = what == null ? "" : what + ": ";
        try {
            call.execute();
        } catch (StorageException e) {
            if (e.code() == expected) {
                return e;
            }
            throw new AssertionFailedError(prefix + "expected StorageException " + expected + " but got "
                    + e.code() + " (" + e.getMessage() + ")", expected, e.code(), e);
        } catch (Error e) {
            // An assertion inside the call (a visitor checking what it sees) must keep its own message.
            throw e;
        } catch (Throwable e) {
            throw new AssertionFailedError(prefix + "expected StorageException " + expected
                    + " but got " + e, e);
        }
        throw new AssertionFailedError(prefix + "expected StorageException " + expected
                + " but nothing was thrown");
    }

    /**
     * Asserts that a key holds a value; both are UTF-8 text.
     *
     * @param store the store or transaction
     * @param key   the key
     * @param value the expected value
     */
    public static void assertValue(Store store, String key, String value) {
        byte[] actual = store.get(utf8(key));
        assertEquals(value, show(actual), () -> "value of key " + key);
    }

    /**
     * Asserts that a key is absent: {@code has} is false and {@code get} is
     * {@link ErrorCode#KEY_NOT_FOUND}.
     *
     * @param store the store or transaction
     * @param key   the key, as UTF-8 text
     */
    public static void assertAbsent(Store store, String key) {
        assertFalse(store.has(utf8(key)), () -> "has(" + key + ") must be false");
        assertCode(ErrorCode.KEY_NOT_FOUND, () -> store.get(utf8(key)), "get(" + key + ")");
    }

    /**
     * Asserts that a key is present with {@code has}.
     *
     * @param store the store or transaction
     * @param key   the key, as UTF-8 text
     */
    public static void assertPresent(Store store, String key) {
        assertTrue(store.has(utf8(key)), () -> "has(" + key + ") must be true");
    }

    /**
     * Asserts the whole content of a store, in iteration order, as {@code "key=value"} entries
     * (see {@link Entries}).
     *
     * @param store   the store or transaction
     * @param entries the expected entries in ascending key order; none for an empty store
     */
    public static void assertContent(Store store, String... entries) {
        assertEquals(List.of(entries), Entries.of(store), "content of " + store.name());
    }
}
