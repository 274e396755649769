package dev.skeleton.storage.multistore.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.MultiStoreConfig;
import dev.skeleton.storage.StorageEvent;
import dev.skeleton.storage.memory.MemoryEngine;
import dev.skeleton.storage.multistore.DefaultMultiStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Store configurations (issue 15, defect 7): one without a valid name is refused with one line
 * naming its PID and what is wrong, and creates nothing; one that names an existing store with
 * another engine or other keys is reported in one WARNING naming the differences, and the existing
 * store is kept and opened; the store is made off the caller's thread, also when its engine comes
 * later.
 */
class StoreConfigurationTest {

    private static final String PID = "dev.skeleton.storage.store~users";

    @TempDir
    Path root;

    private DefaultMultiStore stores;
    private final List<StoreConfiguration> made = new ArrayList<>();
    private final List<String> creatingThreads = new CopyOnWriteArrayList<>();

    @BeforeEach
    void multiStoreWithMemory() {
        stores = new DefaultMultiStore(MultiStoreConfig.of(root));
        stores.registerEngine(new MemoryEngine());
        stores.addListener(e -> {
            if (e.type() == StorageEvent.Type.STORE_CREATED) {
                creatingThreads.add(Thread.currentThread().getName());
            }
        });
    }

    @AfterEach
    void closeAll() {
        made.forEach(StoreConfiguration::deactivate);
        stores.close();
    }

    private StoreConfiguration configure(Object... keysAndValues) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("service.pid", PID);
        properties.put("service.factoryPid", StoreConfiguration.FACTORY_PID);
        properties.put("component.name", StoreConfiguration.class.getName());
        properties.put("component.id", 7L);
        properties.put("osgi.ds.satisfying.condition.target", "(osgi.condition.id=true)");
        properties.put("org.apache.karaf.features.configKey", "dev.skeleton.storage.store-users");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        StoreConfiguration configuration = new StoreConfiguration(stores, properties);
        made.add(configuration);
        return configuration;
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(10);
        }
    }

    static Stream<Arguments> refusedNames() {
        return Stream.of(
                Arguments.of("no name", null, "it has no name (the key \"name\" is missing)"),
                Arguments.of("a blank name", "  ", "its name is blank"),
                Arguments.of("a path", "../x", "invalid store name \"../x\""),
                Arguments.of("the catalog's name", "catalog.txt", "reserved for the multistore's own file"),
                Arguments.of("a long name", "n".repeat(10_000), "(10000 characters)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedNames")
    void aConfigurationWithoutAValidNameIsRefusedInOneLineAndCreatesNothing(String what, String name, String reason)
            throws InterruptedException {
        try (LogRecorder log = new LogRecorder(StoreConfiguration.class)) {
            if (name == null) {
                configure("engine", MemoryEngine.NAME);
            } else {
                configure("name", name, "engine", MemoryEngine.NAME);
            }

            assertEquals(1, log.lines().size(), log.lines().toString());
            String line = log.lines().get(0);
            assertTrue(line.startsWith("SEVERE store configuration " + PID + ": "), line);
            assertTrue(line.contains(reason) && line.endsWith("; no store is created"), line);
            assertTrue(line.length() < 400, "one short line: " + line.length());
            assertTrue(log.allOneLine());
        }
        Thread.sleep(100);
        assertEquals(List.of(), stores.listStores(), "nothing created, not even a store called null");
    }

    @Test
    void aValidConfigurationCreatesTheStoreOffTheCallersThread() throws InterruptedException {
        configure("name", "users", "engine", MemoryEngine.NAME, "max_versions", "5", "felix.fileinstall.filename",
                "file:/etc/dev.skeleton.storage.store-users.cfg");

        eventually(() -> stores.storeExists("users"), "the store is created");
        assertEquals(MemoryEngine.NAME, stores.storeInfo("users").engine());
        assertEquals(Config.of("max_versions", "5"), stores.storeInfo("users").config(),
                "engine keys only: no framework key reached the store");
        assertEquals(1, creatingThreads.size());
        assertTrue(creatingThreads.get(0).startsWith("skeleton-store-configuration-"), creatingThreads.toString());
    }

    /**
     * A configuration tool that shows the Metatype's keys may save those left empty as blank text:
     * they count as absent, instead of reaching the engine, which would refuse them.
     */
    @Test
    void blankKeysCountAsAbsent() throws InterruptedException {
        try (LogRecorder log = new LogRecorder(StoreConfiguration.class)) {
            configure("name", "users", "engine", " ", "max_versions", "3", "cache_size", "", "sync", "  ");

            eventually(() -> stores.storeExists("users"), "the store is created");
            assertEquals(MemoryEngine.NAME, stores.storeInfo("users").engine(), "a blank engine is the default one");
            assertEquals(Config.of("max_versions", "3"), stores.storeInfo("users").config(),
                    "the memory engine would refuse cache_size and sync");
            assertEquals(List.of(), log.lines());
        }
    }

    @Test
    void aConfigurationNamingAnExistingStoreWithOtherSettingsIsReportedAndTheStoreIsKept() throws Exception {
        stores.createStore("users", MemoryEngine.NAME, Config.of("max_versions", 5, "max_size", 1000));
        stores.getStore("users").set("k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8));

        try (LogRecorder log = new LogRecorder(StoreConfiguration.class)) {
            configure("name", "users", "engine", "file", "max_versions", "10", "sync", "always");
            eventually(() -> !log.lines().isEmpty(), "the conflict is reported");
            stores.unregisterEngine("nothing");
            stores.registerEngine(new NamedOnlyEngine("another"));
            Thread.sleep(200);

            assertEquals(List.of("WARNING store configuration " + PID + ": store users exists with other settings "
                    + "(engine memory, configured file; max_size 1000, configured unset; max_versions 5, configured 10; "
                    + "sync unset, configured always); the existing store is kept and opened as it is"), log.lines(),
                    "one line, once");
        }
        assertEquals(MemoryEngine.NAME, stores.storeInfo("users").engine());
        assertEquals("v", new String(stores.getStore("users").get("k".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8), "the data is kept");
    }

    @Test
    void aConfigurationThatMatchesTheStoreIsQuietEvenWhenItsValuesAreText() throws Exception {
        stores.createStore("users", MemoryEngine.NAME, Config.of("max_versions", 5));

        try (LogRecorder log = new LogRecorder(StoreConfiguration.class)) {
            configure("name", "users", "max_versions", "5");
            Thread.sleep(200);

            assertEquals(List.of(), log.lines());
        }
    }

    @Test
    void aStoreWhoseEngineComesLaterIsCreatedWhenItComes() throws Exception {
        try (LogRecorder log = new LogRecorder(StoreConfiguration.class)) {
            configure("name", "later", "engine", "late");
            eventually(() -> !log.lines().isEmpty(), "the wait is reported");
            stores.registerEngine(new NamedOnlyEngine("unrelated"));
            Thread.sleep(200);
            assertEquals(1, log.lines().size(), "reported once: " + log.lines());
            assertTrue(log.lines().get(0).startsWith("WARNING store configuration " + PID + ": store later (engine late) "
                    + "cannot be made yet: "), log.lines().get(0));

            stores.registerEngine(new MemoryEngineNamed("late"));
            eventually(() -> stores.storeExists("later"), "created once its engine came");
        }
    }

    @Test
    void afterDeactivationItNoLongerListens() throws Exception {
        StoreConfiguration configuration = configure("name", "later", "engine", "late");
        configuration.deactivate();

        stores.registerEngine(new MemoryEngineNamed("late"));
        Thread.sleep(200);

        assertFalse(stores.storeExists("later"));
    }

    /** The memory engine under another name. */
    private static final class MemoryEngineNamed implements dev.skeleton.storage.Engine {

        private final MemoryEngine memory = new MemoryEngine();
        private final String name;

        MemoryEngineNamed(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public dev.skeleton.storage.Store create(String store, String path, Config config) {
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
    }

    /** An engine that has only a name, to announce an unrelated engine. */
    private static final class NamedOnlyEngine implements dev.skeleton.storage.Engine {

        private final String name;

        NamedOnlyEngine(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public dev.skeleton.storage.Store create(String store, String path, Config config) {
            throw new dev.skeleton.storage.StorageException(dev.skeleton.storage.ErrorCode.UNSUPPORTED, "none");
        }

        @Override
        public dev.skeleton.storage.Store open(String store, String path) {
            throw new dev.skeleton.storage.StorageException(dev.skeleton.storage.ErrorCode.STORE_NOT_FOUND, "none");
        }

        @Override
        public void destroy(String store, String path) {
        }

        @Override
        public dev.skeleton.storage.Capabilities capabilities() {
            return new dev.skeleton.storage.Capabilities(false, false, false, false, false);
        }
    }
}
