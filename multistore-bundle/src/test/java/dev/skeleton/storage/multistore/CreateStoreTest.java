package dev.skeleton.storage.multistore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.MultiStoreConfig;
import dev.skeleton.storage.StorageEvent.Type;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.memory.MemoryEngine;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;

/**
 * {@code createStore}: which engine it uses, what it refuses (and that a refusal records nothing),
 * how per-engine defaults merge under a store's own config, and which config it keeps.
 */
class CreateStoreTest extends MultiStoreTestSupport {

    @ParameterizedTest
    @NullAndEmptySource
    void noEngineMeansTheDefaultEngine(String engine) {
        stores.setDefaultEngine(PERSISTENT);

        stores.createStore("s", engine, null);

        assertEquals(PERSISTENT, stores.storeInfo("s").engine());
        assertEquals(1, persistent.creates.get());
    }

    @Test
    void theDefaultEngineComesFromTheConfigAndIsMemoryWithoutOne() {
        assertEquals(MemoryEngine.NAME, stores.getDefaultEngine());
        DefaultMultiStore plainByDefault = restart(new MultiStoreConfig(root, PLAIN, null));
        plainByDefault.registerEngine(plain);

        plainByDefault.createStore("s", null, null);

        assertEquals(PLAIN, plainByDefault.getDefaultEngine());
        assertEquals(PLAIN, plainByDefault.storeInfo("s").engine());
    }

    @Test
    void anUnknownEngineIsEngineNotFound() {
        StorageException e = assertCode(ErrorCode.ENGINE_NOT_FOUND, () -> stores.createStore("s", "nope", null));

        assertTrue(e.getMessage().contains("nope"), e.getMessage());
        assertFalse(stores.storeExists("s"));
    }

    @Test
    void aDefaultEngineThatIsNotRegisteredIsEngineNotFound() {
        stores.setDefaultEngine("file");

        assertCode(ErrorCode.ENGINE_NOT_FOUND, () -> stores.createStore("s", null, null));
        assertFalse(stores.storeExists("s"));
    }

    @Test
    void aTakenNameIsStoreExistsWhateverTheEngine() {
        stores.createStore("s", PERSISTENT, Config.of("limit", 1));

        assertCode(ErrorCode.STORE_EXISTS, () -> stores.createStore("s", PERSISTENT, null));
        assertCode(ErrorCode.STORE_EXISTS, () -> stores.createStore("s", MEMORY, null));
        assertEquals(Config.of("limit", 1), stores.storeInfo("s").config(), "the first store is untouched");
        assertEquals(1, persistent.creates.get());
    }

    @Test
    void aNameTakenByAStoreWhoseEngineIsAbsentIsStoreExists() {
        stores.createStore("s", PERSISTENT, null);
        stores.unregisterEngine(PERSISTENT);

        assertCode(ErrorCode.STORE_EXISTS, () -> stores.createStore("s", MEMORY, null));
    }

    @Test
    void anInvalidConfigFromTheEnginePassesThroughAndNothingIsRecorded() throws Exception {
        listener.clear();
        StorageException e = assertCode(ErrorCode.INVALID_CONFIG,
                () -> stores.createStore("s", PERSISTENT, Config.of("limit", "many")));

        assertTrue(e.getMessage().contains("limit"), e.getMessage());
        assertFalse(stores.storeExists("s"));
        assertFalse(disk.exists(pathOf("s")));
        assertFalse(Files.exists(root.resolve(Catalog.FILE_NAME)), "no catalog written for a refused store");
        assertEquals(List.of(), listener.events());
        assertFalse(newMultiStore().storeExists("s"), "a restart does not know it either");
    }

    @Test
    void anInvalidConfigOfTheMemoryEnginePassesThrough() {
        assertCode(ErrorCode.INVALID_CONFIG, () -> stores.createStore("s", MEMORY, Config.of("max_sise", 10)));
        assertFalse(stores.storeExists("s"));

        stores.createStore("s", MEMORY, Config.of("max_size", 10));
        assertTrue(stores.storeExists("s"), "the refused creation left nothing behind that blocks the name");
    }

    @Test
    void engineDefaultsAreMergedUnderTheStoresOwnConfig() {
        DefaultMultiStore withDefaults = newMultiStore(Map.of(
                PERSISTENT, Config.of("limit", 5, "sync", "never"),
                MEMORY, Config.of("max_size", 1)));
        withDefaults.registerEngine(persistent);

        withDefaults.createStore("s", PERSISTENT, Config.of("sync", "always", "note", true));

        assertEquals(Config.of("limit", 5, "sync", "always", "note", true), persistent.lastCreateConfig(),
                "the engine receives its defaults with the store's own keys on top");
        assertEquals(Config.of("sync", "always", "note", true), withDefaults.storeInfo("s").config(),
                "storeInfo keeps the store's own config, without the defaults");
    }

    @Test
    void anotherEnginesDefaultsDoNotApply() {
        DefaultMultiStore withDefaults = newMultiStore(Map.of(MEMORY, Config.of("max_size", 1)));
        withDefaults.registerEngine(persistent);

        withDefaults.createStore("s", PERSISTENT, null);

        assertEquals(Config.empty(), persistent.lastCreateConfig());
    }

    @Test
    void engineDefaultsReachARealEngine() {
        DefaultMultiStore withDefaults = newMultiStore(Map.of(MEMORY, Config.of("max_size", 4)));
        withDefaults.registerEngine(new MemoryEngine());
        withDefaults.createStore("small", MEMORY, null);
        withDefaults.createStore("large", MEMORY, Config.of("max_size", 1000));

        assertCode(ErrorCode.STORE_FULL, () -> withDefaults.getStore("small").set(bytes("key"), bytes("value")));
        withDefaults.getStore("large").set(bytes("key"), bytes("value"));
    }

    @Test
    void frameworkKeysAreNeitherKeptNorPassedOn() {
        Config given = Config.of("service.pid", "dev.skeleton.storage.store~users",
                "felix.fileinstall.filename", "file:/etc/users.cfg", "component.id", 7, "limit", 3);

        stores.createStore("s", PERSISTENT, given);

        assertEquals(Config.of("limit", 3), stores.storeInfo("s").config());
        assertEquals(Config.of("limit", 3), persistent.lastCreateConfig());
        assertEquals(Config.of("limit", 3), newMultiStore().storeInfo("s").config(), "nor written to the catalog");
    }

    @Test
    void aNullConfigIsEmpty() {
        stores.createStore("s", PERSISTENT, null);

        assertEquals(Config.empty(), stores.storeInfo("s").config());
        assertEquals(Config.empty(), persistent.lastCreateConfig());
    }

    @Test
    void theCreatedStoreIsOpenAndItsHandleIsWhatGetStoreReturns() {
        stores.createStore("s", PERSISTENT, null);
        Store handle = stores.getStore("s");
        handle.set(bytes("k"), bytes("v"));

        assertSame(handle, stores.getStore("s"));
        assertEquals(0, persistent.opens.get(), "created stores are open already");
        assertEquals(List.of("STORE_CREATED s persistent 0"), listener.log());
        assertNull(disk.valueOnDisk(pathOf("s"), "k"), "the write is in the open engine store");
        stores.closeAll();
        assertEquals("v", disk.valueOnDisk(pathOf("s"), "k"));
        assertEquals(1, listener.ofType(Type.STORE_CLOSED).size());
    }
}
