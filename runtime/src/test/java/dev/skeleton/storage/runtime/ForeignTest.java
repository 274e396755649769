package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

class ForeignTest {

    /** A class that is not public: its methods are reached through the public interface. */
    private static final class Hidden implements Callable<String> {
        @Override
        public String call() {
            return "called";
        }
    }

    @Test
    void aMethodIsCalledThroughTheNamedInterface() throws Exception {
        List<String> list = new ArrayList<>();

        Foreign.call(list, "java.util.Collection", "add", new Class<?>[] {Object.class}, "x");

        assertEquals(List.of("x"), list);
        assertEquals("called", Foreign.call(new Hidden(), "java.util.concurrent.Callable", "call", new Class<?>[0]));
    }

    @Test
    void superInterfacesAreFound() throws Exception {
        assertEquals(0, Foreign.call(new ArrayList<>(), "java.util.Collection", "size", new Class<?>[0]));
    }

    @Test
    void whatTheMethodThrowsIsRethrownUnwrapped() {
        IOException checked = new IOException("disk");
        Callable<String> failing = () -> {
            throw checked;
        };
        assertSame(checked, assertThrows(IOException.class,
                () -> Foreign.call(failing, "java.util.concurrent.Callable", "call", new Class<?>[0])));

        StackOverflowError error = new StackOverflowError();
        Callable<String> broken = () -> {
            throw error;
        };
        assertSame(error, assertThrows(StackOverflowError.class,
                () -> Foreign.call(broken, "java.util.concurrent.Callable", "call", new Class<?>[0])));

        Callable<String> unchecked = () -> {
            throw new UncheckedIOException(checked);
        };
        assertThrows(UncheckedIOException.class,
                () -> Foreign.call(unchecked, "java.util.concurrent.Callable", "call", new Class<?>[0]));
    }

    @Test
    void anInterfaceTheObjectLacksIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Foreign.call("text", "java.util.List", "size", new Class<?>[0]));
        assertTrue(e.getMessage().contains("java.lang.String does not implement java.util.List"), e.getMessage());
    }
}
