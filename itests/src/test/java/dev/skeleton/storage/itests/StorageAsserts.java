package dev.skeleton.storage.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import java.nio.charset.StandardCharsets;
import org.junit.function.ThrowingRunnable;

/** Short forms for the tests: UTF-8 keys and values, and errors checked by their code. */
final class StorageAsserts {

    private StorageAsserts() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Asserts that the store holds that value under that key. */
    static void assertValue(Store store, String key, String value) {
        assertArrayEquals("value of " + key + " in " + store.name(), utf8(value), store.get(utf8(key)));
    }

    /** Asserts that the call fails with a StorageException of that code, and returns the exception. */
    static StorageException assertFails(ErrorCode code, ThrowingRunnable call) {
        StorageException e = assertThrows(StorageException.class, call);
        assertEquals(e.getMessage(), code, e.code());
        return e;
    }
}
