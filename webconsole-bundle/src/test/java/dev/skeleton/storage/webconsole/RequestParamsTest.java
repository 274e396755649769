package dev.skeleton.storage.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestParamsTest {

    private final RequestParams params = new RequestParams(Map.of("name", "a", "empty", "", "yes", "true",
            "no", "false", "bad", "maybe", "n", " 7 ", "big", "2000", "word", "x")::get);

    @Test
    void textAndRequired() {
        assertEquals("a", params.text("name"));
        assertEquals("", params.text("absent"));
        assertEquals("a", params.required("name"));
        for (String missing : new String[] {"empty", "absent"}) {
            StorageException e = assertThrows(StorageException.class, () -> params.required(missing));
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
            assertEquals("the parameter \"" + missing + "\" is missing", e.getMessage());
        }
    }

    @Test
    void flags() {
        assertTrue(params.flag("yes"));
        assertFalse(params.flag("no"));
        assertFalse(params.flag("absent"));
        StorageException e = assertThrows(StorageException.class, () -> params.flag("bad"));
        assertEquals("the parameter \"bad\" must be true or false, was \"maybe\"", e.getMessage());
    }

    @Test
    void numbers() {
        assertEquals(7, params.number("n", 50, 1, 1000));
        assertEquals(50, params.number("absent", 50, 1, 1000));
        assertEquals(7, params.requiredNumber("n", 1, 10));
        assertThrows(StorageException.class, () -> params.requiredNumber("absent", 1, 10));
    }

    @ParameterizedTest
    @ValueSource(strings = {"big", "word"})
    void numbersOutOfBoundsOrNotNumbersAreRefused(String name) {
        StorageException e = assertThrows(StorageException.class, () -> params.number(name, 50, 1, 1000));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertTrue(e.getMessage().startsWith("the parameter \"" + name + "\" must be a whole number from 1 to 1000"),
                e.getMessage());
    }
}
