package dev.skeleton.storage.multistore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.MultiStoreConfig;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.memory.MemoryEngine;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;

/**
 * Registering, finding and removing engines, the default engine, and the two plain-Java ways to
 * make a multistore (with no engine, or with every engine {@link java.util.ServiceLoader} finds).
 */
class EngineRegistryTest extends MultiStoreTestSupport {

    @Test
    void aSecondEngineOfTheSameNameIsEngineExists() {
        PersistentTestEngine another = new PersistentTestEngine(disk);
        listener.clear();

        StorageException e = assertCode(ErrorCode.ENGINE_EXISTS, () -> stores.registerEngine(another));

        assertTrue(e.getMessage().contains(PERSISTENT), e.getMessage());
        assertSame(persistent, stores.getEngine(PERSISTENT), "the first one stays");
        assertEquals(List.of(), listener.events());
    }

    @Test
    void aNullEngineIsInvalidArgument() {
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> stores.registerEngine(null));
    }

    @Test
    void getEngineReturnsTheRegisteredInstance() {
        assertSame(persistent, stores.getEngine(PERSISTENT));
        assertSame(plain, stores.getEngine(PLAIN));
    }

    @Test
    void anUnknownEngineIsEngineNotFound() {
        StorageException e = assertCode(ErrorCode.ENGINE_NOT_FOUND, () -> stores.getEngine("file"));

        assertTrue(e.getMessage().contains("file"), e.getMessage());
        assertCode(ErrorCode.ENGINE_NOT_FOUND, () -> stores.getEngine(null));
    }

    @Test
    void unregisteringRemovesTheEngine() {
        stores.unregisterEngine(PLAIN);

        assertEquals(List.of(MEMORY, PERSISTENT), stores.listEngines());
        assertCode(ErrorCode.ENGINE_NOT_FOUND, () -> stores.getEngine(PLAIN));
        assertEquals(List.of("ENGINE_REMOVED null plain 0"), listener.log());
    }

    @Test
    void unregisteringAnUnknownEngineDoesNothing() {
        stores.unregisterEngine("file");
        stores.unregisterEngine(null);

        assertEquals(List.of(MEMORY, PERSISTENT, PLAIN), stores.listEngines());
        assertEquals(List.of(), listener.events());
    }

    @Test
    void anEngineCanBeRegisteredAgainAfterLeaving() {
        stores.unregisterEngine(PLAIN);
        PlainTestEngine again = new PlainTestEngine();

        stores.registerEngine(again);

        assertSame(again, stores.getEngine(PLAIN));
        assertEquals(List.of("ENGINE_REMOVED null plain 0", "ENGINE_ADDED null plain 0"), listener.log());
    }

    @ParameterizedTest
    @NullAndEmptySource
    void aNullOrEmptyDefaultEngineIsInvalidArgument(String engine) {
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> stores.setDefaultEngine(engine));
        assertEquals(MEMORY, stores.getDefaultEngine());
    }

    @Test
    void theDefaultEngineCanBeSetToAnyName() {
        stores.setDefaultEngine("file");

        assertEquals("file", stores.getDefaultEngine());
    }

    @Test
    void aNewMultiStoreRegistersNoEngine() {
        DefaultMultiStore bare = new DefaultMultiStore(MultiStoreConfig.of(root.resolve("bare")));

        assertEquals(List.of(), bare.listEngines());
        assertCode(ErrorCode.ENGINE_NOT_FOUND, () -> bare.createStore("s", null, null));
        bare.close();
    }

    @Test
    void withInstalledEnginesFindsTheMemoryEngineThroughServiceLoader() {
        DefaultMultiStore installed = track(DefaultMultiStore.withInstalledEngines(MultiStoreConfig.of(root.resolve("x"))));

        // The file and postgres engines are on this module's test class path too (for the transfer
        // tests); the postgres engine registers without a server and fails only when used.
        assertEquals(List.of("file", MEMORY, "postgres"), installed.listEngines());
        assertInstanceOf(MemoryEngine.class, installed.getEngine(MEMORY));
        installed.createStore("s", null, null);
        installed.getStore("s").set(bytes("k"), bytes("v"));
    }

    @Test
    void aNullConfigIsInvalidArgument() {
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> new DefaultMultiStore(null));
    }

    @Test
    void toStringNamesRootEnginesAndStores() {
        stores.createStore("users", PERSISTENT, null);

        String text = stores.toString();

        assertTrue(text.contains(root.toString()) && text.contains(PLAIN) && text.contains("users"), text);
    }

    @ParameterizedTest
    @NullAndEmptySource
    void anEngineWithoutANameIsRefused(String name) {
        MemoryEngine memory = new MemoryEngine();
        dev.skeleton.storage.Engine nameless = new dev.skeleton.storage.Engine() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public dev.skeleton.storage.Store create(String store, String path, dev.skeleton.storage.Config config) {
                return memory.create(store, path, config);
            }

            @Override
            public dev.skeleton.storage.Store open(String store, String path) {
                return memory.open(store, path);
            }

            @Override
            public void destroy(String store, String path) {
                memory.destroy(store, path);
            }

            @Override
            public dev.skeleton.storage.Capabilities capabilities() {
                return memory.capabilities();
            }
        };

        assertEquals(ErrorCode.INVALID_ARGUMENT,
                org.junit.jupiter.api.Assertions.assertThrows(StorageException.class,
                        () -> stores.registerEngine(nameless)).code());
    }
}
