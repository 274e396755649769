package dev.skeleton.storage.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** What the memory engine does beyond the compliance kit: its store registry, config and discovery. */
class MemoryEngineTest {

    private final MemoryEngine engine = new MemoryEngine();

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static StorageException assertCode(ErrorCode code, Executable call) {
        StorageException e = assertThrows(StorageException.class, call);
        assertEquals(code, e.code(), e.getMessage());
        return e;
    }

    @Test
    void describesItself() {
        assertEquals("memory", engine.name());
        assertTrue(engine.capabilities().transactions() && engine.capabilities().versioning()
                && engine.capabilities().rangeQueries());
        assertFalse(engine.capabilities().persistence() || engine.capabilities().compression());
        assertTrue(engine.toString().contains("open stores=0"));
    }

    @Test
    void aStoreIsOpenOnceAndGoneAfterClose() {
        Store store = engine.create("users", "/nowhere/users", null);
        store.set(b("k"), b("v"));
        assertCode(ErrorCode.STORE_EXISTS, () -> engine.create("users", "/nowhere/users", Config.empty()));
        store.close();
        try (Store again = engine.create("users", "/nowhere/users", Config.empty())) {
            assertFalse(again.has(b("k")), "a memory store starts empty after its predecessor closed");
        }
    }

    @Test
    void openIsNeverFound() {
        engine.create("users", "/p/users", null);
        StorageException e = assertCode(ErrorCode.STORE_NOT_FOUND, () -> engine.open("users", "/p/users"));
        assertTrue(e.getMessage().contains("users"), e.getMessage());
    }

    @Test
    void destroyClosesAnOpenStoreAndIsIdempotent() {
        Store store = engine.create("s", "/p/s", null);
        engine.destroy("s", "/p/s");
        assertCode(ErrorCode.STORE_CLOSED, () -> store.get(b("k")));
        engine.destroy("s", "/p/s");
        engine.create("s", "/p/s", null).close();
    }

    @Test
    void badNamesPathsAndConfigsAreRefused() {
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> engine.create("../x", "/p", null));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> engine.create(null, "/p", null));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> engine.create("s", null, null));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> engine.open("a/b", "/p"));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> engine.destroy("", "/p"));
        StorageException e = assertCode(ErrorCode.INVALID_CONFIG,
                () -> engine.create("s", "/p/s", Config.of("max_sise", 10)));
        assertTrue(e.getMessage().contains("max_sise"), e.getMessage());
        assertCode(ErrorCode.INVALID_CONFIG, () -> engine.create("s", "/p/s", Config.of("max_size", -1)));
        assertCode(ErrorCode.INVALID_CONFIG, () -> engine.create("s", "/p/s", Config.of("max_versions", "many")));
        assertCode(ErrorCode.INVALID_CONFIG, () -> engine.create("s", "/p/s", Config.of("sync", "always")));
        // A refused config leaves nothing open behind.
        engine.create("s", "/p/s", Config.of("max_size", "100", "service.pid", "x")).close();
    }

    @Test
    void storesImplementEveryCapability() {
        try (Store store = engine.create("s", "/p/s", null)) {
            assertInstanceOf(dev.skeleton.storage.Transactional.class, store);
            assertInstanceOf(dev.skeleton.storage.Versioned.class, store);
            assertInstanceOf(dev.skeleton.storage.RangeQueryable.class, store);
            assertTrue(store.toString().contains("s"));
        }
    }

    @Test
    void serviceLoaderFindsTheEngine() {
        String names = ServiceLoader.load(Engine.class).stream().map(p -> p.get().name())
                .collect(Collectors.joining(","));
        assertEquals("memory", names);
    }

    @Test
    void keyNotFoundNamesKeyAndStore() {
        try (Store store = engine.create("users", "/p/users", null)) {
            StorageException e = assertCode(ErrorCode.KEY_NOT_FOUND, () -> store.get(new byte[] {(byte) 0xff, 1}));
            assertTrue(e.getMessage().contains("0xff01") && e.getMessage().contains("users"), e.getMessage());
        }
    }
}
