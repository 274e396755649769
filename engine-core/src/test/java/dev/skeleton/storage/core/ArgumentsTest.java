package dev.skeleton.storage.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ArgumentsTest {

    private static String invalid(Runnable r) {
        StorageException e = assertThrows(StorageException.class, r::run);
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        return e.getMessage();
    }

    @Test
    void nullsAreInvalidArgumentsNamingTheStore() {
        assertTrue(invalid(() -> Arguments.key(null, "users")).contains("users"));
        assertTrue(invalid(() -> Arguments.value(null, new byte[] {'k'}, "users")).contains("\"k\""));
        assertTrue(invalid(() -> Arguments.visitor(null, "users")).contains("visitor"));
        assertTrue(invalid(() -> Arguments.path(null, "users")).contains("path"));
    }

    @Test
    void validInputPassesThrough() {
        byte[] key = {};
        assertEquals(key, Arguments.key(key, "s"));
        assertEquals(key, Arguments.value(key, key, "s"));
        assertEquals("p", Arguments.path("p", "s"));
        assertEquals("a.b-c_1", Arguments.storeName("a.b-c_1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "..", ".x", "a/b", "a\\b", "-a", "a b"})
    void badStoreNamesAreRefused(String name) {
        assertTrue(invalid(() -> Arguments.storeName(name)).contains("invalid store name"));
    }

    @Test
    void tooLongAndNullNamesAreRefused() {
        invalid(() -> Arguments.storeName("a".repeat(129)));
        assertTrue(invalid(() -> Arguments.storeName(null)).contains("null"));
        assertEquals(128, Arguments.storeName("a".repeat(128)).length());
    }
}
