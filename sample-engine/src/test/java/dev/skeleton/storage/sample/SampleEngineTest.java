package dev.skeleton.storage.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Engine;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** What the compliance kit does not look at: how the engine is found and how it describes itself. */
class SampleEngineTest {

    @Test
    void serviceLoaderFindsTheEngine() {
        assertTrue(ServiceLoader.load(Engine.class).stream()
                .anyMatch(provider -> provider.type() == SampleEngine.class));
    }

    @Test
    void aBinaryKeyIsNamedInHex() {
        try (Store store = new SampleEngine().create("s", "unused/s", null)) {
            StorageException e = assertThrows(StorageException.class, () -> store.get(new byte[] {0, (byte) 0xff}));
            assertEquals(ErrorCode.KEY_NOT_FOUND, e.code());
            assertTrue(e.getMessage().contains("0x00ff"), e.getMessage());
        }
    }

    @Test
    void toStringTellsTheState() {
        SampleEngine engine = new SampleEngine();
        Store store = engine.create("s", "unused/s", null);
        store.set(new byte[] {1}, new byte[] {2});
        assertEquals("SampleStore[s, 1 keys]", store.toString());
        assertEquals("SampleEngine[open stores=1]", engine.toString());
        store.close();
        assertEquals("SampleStore[s, 0 keys, closed]", store.toString());
        assertEquals("SampleEngine[open stores=0]", engine.toString());
    }
}
