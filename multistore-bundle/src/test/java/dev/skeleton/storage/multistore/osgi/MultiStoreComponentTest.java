package dev.skeleton.storage.multistore.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Capabilities;
import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.MultiStoreConfig;
import dev.skeleton.storage.StorageEvent;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.memory.MemoryEngine;
import dev.skeleton.storage.multistore.DefaultMultiStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.junit.jupiter.api.io.TempDir;

/**
 * The multistore component without a framework (Declarative Services' calls made by hand, a fake
 * bundle context): a changed configuration is applied in place (issue 15, defect 5), a stop or a
 * move of the root is announced (defect 4: a WARNING naming the memory stores that end, each with
 * its STORE_DELETED delivered to the bound listeners before they are unbound), every method is
 * safe in any order and while not active (no NullPointerException), and settings come from the
 * configuration, else the framework property, else the default. The real framework is the Pax Exam
 * tests' part.
 */
class MultiStoreComponentTest {

    @TempDir
    Path work;

    private final FakeBundleContext framework = new FakeBundleContext();
    private final List<StorageEvent> events = new CopyOnWriteArrayList<>();
    private final List<MultiStoreComponent> made = new ArrayList<>();
    private final List<DefaultMultiStore> others = new ArrayList<>();

    @AfterEach
    void deactivateEverything() {
        made.forEach(MultiStoreComponent::deactivate);
        others.forEach(DefaultMultiStore::close);
    }

    private MultiStoreComponent activate(Map<String, Object> configuration) {
        MultiStoreComponent component = new MultiStoreComponent(framework.context(), configuration);
        made.add(component);
        component.addEngine(new MemoryEngine());
        component.addStorageEventListener(events::add);
        return component;
    }

    private Map<String, Object> rootAt(Path root, Object... more) {
        Map<String, Object> configuration = new HashMap<>();
        configuration.put("root.path", root.toString());
        configuration.put("service.pid", MultiStoreComponent.PID);
        configuration.put("component.name", MultiStoreComponent.class.getName());
        for (int i = 0; i < more.length; i += 2) {
            configuration.put((String) more[i], more[i + 1]);
        }
        return configuration;
    }

    private List<String> deletedStores() {
        return events.stream().filter(e -> e.type() == StorageEvent.Type.STORE_DELETED).map(StorageEvent::storeName)
                .sorted().toList();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static void eventually(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, what);
            Thread.sleep(10);
        }
    }

    @Test
    void aChangedDefaultEngineIsAppliedInPlaceAndNoStoreCloses() {
        MultiStoreComponent component = activate(rootAt(work.resolve("data")));
        component.createStore("m", MemoryEngine.NAME, null);
        Store handle = component.getStore("m");
        handle.set(bytes("k"), bytes("v"));
        events.clear();

        component.modified(rootAt(work.resolve("data"), "default.engine", "file"));

        assertEquals("file", component.getDefaultEngine());
        assertEquals("v", new String(handle.get(bytes("k")), StandardCharsets.UTF_8), "the store stayed open");
        assertEquals(List.of(), events, "nothing closed, nothing announced");
    }

    @Test
    void aChangedRootMovesTheMultiStoreInPlaceAndAnnouncesTheMemoryStoresThatEnd() throws Exception {
        Path first = work.resolve("first");
        Path second = work.resolve("second");
        MultiStoreComponent component = activate(rootAt(first));
        component.createStore("a", MemoryEngine.NAME, null);
        component.createStore("b", MemoryEngine.NAME, null);

        try (LogRecorder log = new LogRecorder(MultiStoreComponent.class)) {
            component.modified(rootAt(second));

            assertEquals(List.of("a", "b"), deletedStores(), "each ended store announced to the bound listeners");
            assertTrue(log.warnings().contains("WARNING multistore at " + first + " moves to " + second
                    + ": stores of non-persistent engines ended with their data: [a, b]")
                    || log.warnings().contains("WARNING multistore at " + first + " moves to " + second
                    + ": stores of non-persistent engines ended with their data: [b, a]"), log.lines().toString());
            assertTrue(log.allOneLine());
        }
        assertEquals(List.of(MemoryEngine.NAME), component.listEngines(), "the bound engines came along");
        component.createStore("c", null, null);
        assertEquals(second.resolve("c").toString(), component.storeInfo("c").path());
        others.add(new DefaultMultiStore(MultiStoreConfig.of(first)));
        assertThrows(StorageException.class, () -> new DefaultMultiStore(MultiStoreConfig.of(second)),
                "the new root is held");
        eventually(() -> framework.storeServices().equals(List.of("c")), "the new root's store is offered");
    }

    @Test
    void aRootThatCannotBeHadKeepsTheComponentOnTheOldOne() {
        Path first = work.resolve("first");
        Path taken = work.resolve("taken");
        others.add(new DefaultMultiStore(MultiStoreConfig.of(taken)));
        MultiStoreComponent component = activate(rootAt(first));

        try (LogRecorder log = new LogRecorder(MultiStoreComponent.class)) {
            component.modified(rootAt(taken, "default.engine", "other"));

            assertTrue(log.warnings().stream().anyMatch(line -> line.startsWith("SEVERE multistore configuration: "
                    + "cannot use root.path " + taken) && line.contains("staying at " + first)), log.lines().toString());
            assertTrue(log.allOneLine());
        }
        component.createStore("s", MemoryEngine.NAME, null);
        assertEquals(first.resolve("s").toString(), component.storeInfo("s").path());
        assertEquals("other", component.getDefaultEngine(), "what could change did");
    }

    @Test
    void deactivateAnnouncesTheMemoryStoresThatEndWhileTheListenersAreStillBound() {
        MultiStoreComponent component = activate(rootAt(work.resolve("data")));
        component.createStore("kept-in-memory", MemoryEngine.NAME, null);

        try (LogRecorder log = new LogRecorder(MultiStoreComponent.class)) {
            component.deactivate();

            assertEquals(List.of("kept-in-memory"), deletedStores());
            assertTrue(log.warnings().contains("WARNING multistore at " + work.resolve("data") + " stops: stores of "
                    + "non-persistent engines ended with their data: [kept-in-memory]"), log.lines().toString());
            assertTrue(log.lines().contains("INFO multistore at " + work.resolve("data") + " stops"), log.lines().toString());
            assertTrue(log.allOneLine());
        }
        others.add(new DefaultMultiStore(MultiStoreConfig.of(work.resolve("data"))));
    }

    @Test
    void aCallFromAnotherThreadDuringAMoveReachesTheNewRoot() throws Exception {
        Path first = work.resolve("first");
        Path second = work.resolve("second");
        MultiStoreComponent component = activate(rootAt(first));
        List<Object> outcomes = new CopyOnWriteArrayList<>();
        List<Thread> callers = new CopyOnWriteArrayList<>();
        // As a store configuration does: on the new multistore's ENGINE_ADDED, create on a thread of its own.
        component.addStorageEventListener(event -> {
            if (event.type() == StorageEvent.Type.ENGINE_ADDED) {
                Thread caller = new Thread(() -> {
                    try {
                        component.createStore("configured", MemoryEngine.NAME, null);
                        outcomes.add("created");
                    } catch (StorageException e) {
                        outcomes.add(e);
                    }
                });
                callers.add(caller);
                caller.start();
                // Give the caller the time to reach the component while the move still runs.
                sleepQuietly(200);
            }
        });

        component.modified(rootAt(second));
        for (Thread caller : callers) {
            caller.join(10_000);
        }

        assertEquals(List.of("created"), outcomes, "the call waited for the move instead of failing on the old root");
        assertEquals(second.resolve("configured").toString(), component.storeInfo("configured").path());
        others.add(new DefaultMultiStore(MultiStoreConfig.of(first)));
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void memoryStoresEndingWithTheWholePlatformAreNoWarning() {
        MultiStoreComponent component = activate(rootAt(work.resolve("data")));
        component.createStore("kept-in-memory", MemoryEngine.NAME, null);
        framework.systemBundleState = Bundle.STOPPING;

        try (LogRecorder log = new LogRecorder(MultiStoreComponent.class)) {
            component.deactivate();

            assertEquals(List.of("kept-in-memory"), deletedStores(), "still an event for each");
            assertEquals(List.of(), log.warnings(), "stop 0 ends memory stores as asked: no warning");
            assertTrue(log.lines().contains("INFO multistore at " + work.resolve("data") + " stops: stores of "
                    + "non-persistent engines ended with their data: [kept-in-memory]"), log.lines().toString());
        }
        others.add(new DefaultMultiStore(MultiStoreConfig.of(work.resolve("data"))));
    }

    @Test
    void everyMethodIsSafeInAnyOrderAndWhileNotActive() {
        MultiStoreComponent component = activate(rootAt(work.resolve("data")));
        MemoryEngine late = new MemoryEngine();

        component.deactivate();
        component.deactivate();
        component.removeEngine(late);
        component.addEngine(late);
        component.removeEngine(late);
        component.removeStorageEventListener(events::add);
        component.modified(rootAt(work.resolve("elsewhere")));

        StorageException e = assertThrows(StorageException.class, component::listStores);
        assertEquals(ErrorCode.STORE_CLOSED, e.code());
        assertTrue(e.getMessage().contains("not active (deactivated)"), e.getMessage());
        assertThrows(StorageException.class, () -> component.getStore("s"));
        assertThrows(StorageException.class, component::close);
        assertTrue(component.toString().contains("not active"), component.toString());
        assertFalse(Files.exists(work.resolve("elsewhere")), "no root opened while not active");
    }

    @Test
    void aRootInUseFailsActivationWithOneErrorLine() {
        Path root = work.resolve("data");
        others.add(new DefaultMultiStore(MultiStoreConfig.of(root)));

        try (LogRecorder log = new LogRecorder(MultiStoreComponent.class)) {
            StorageException e = assertThrows(StorageException.class,
                    () -> new MultiStoreComponent(framework.context(), rootAt(root)));

            assertEquals(ErrorCode.STORE_EXISTS, e.code());
            assertEquals(1, log.warnings().size(), log.lines().toString());
            assertTrue(log.warnings().get(0).startsWith("SEVERE multistore not started at " + root + ": "), log.lines().toString());
            assertTrue(log.allOneLine());
        }
    }

    @Test
    void settingsComeFromTheFrameworkPropertiesWithoutConfiguration() {
        framework.frameworkProperties.put("dev.skeleton.storage.multistore.root.path", work.resolve("launcher").toString());
        framework.frameworkProperties.put("dev.skeleton.storage.multistore.default.engine", MemoryEngine.NAME);

        try (LogRecorder log = new LogRecorder(MultiStoreComponent.class)) {
            MultiStoreComponent component = activate(Map.of("component.name", "x", "root.pth", "typo"));

            component.createStore("s", null, null);
            assertEquals(work.resolve("launcher").resolve("s").toString(), component.storeInfo("s").path());
            assertTrue(log.lines().contains("WARNING multistore configuration: unknown key root.pth (known: root.path, "
                    + "default.engine)"), log.lines().toString());
            assertTrue(log.lines().contains("INFO multistore at " + work.resolve("launcher") + " (root.path from "
                    + "framework property dev.skeleton.storage.multistore.root.path), default engine memory (from "
                    + "framework property dev.skeleton.storage.multistore.default.engine)"), log.lines().toString());
        }
    }

    @Test
    void storesAreOfferedAsServicesAndWithdrawnWhenTheyGo() throws Exception {
        MultiStoreComponent component = activate(rootAt(work.resolve("data")));

        component.createStore("users", MemoryEngine.NAME, null);
        eventually(() -> framework.storeServices().equals(List.of("users")), "offered as a Store service");
        FakeBundleContext.Registered service = framework.registered.get(0);
        assertEquals(MemoryEngine.NAME, service.properties().get("store.engine"));

        component.deleteStore("users");
        assertEquals(List.of(), framework.storeServices());
        component.deactivate();
        assertEquals(List.of(), framework.registered, "nothing left registered");
    }

    @Test
    void aSecondEngineOfOneNameTakesOverWhenTheFirstLeaves() {
        MultiStoreComponent component = activate(rootAt(work.resolve("data")));
        NamedEngine first = new NamedEngine("twin");
        NamedEngine second = new NamedEngine("twin");
        component.addEngine(first);

        try (LogRecorder log = new LogRecorder(MultiStoreComponent.class)) {
            component.addEngine(second);
            assertTrue(log.warnings().stream().anyMatch(line -> line.contains("not used") && line.contains("twin")),
                    log.lines().toString());
        }
        assertTrue(component.getEngine("twin") == first);
        component.removeEngine(second);
        assertTrue(component.getEngine("twin") == first, "unbinding the refused one changes nothing");
        component.addEngine(second);
        component.removeEngine(first);
        assertTrue(component.getEngine("twin") == second, "the other one of that name takes over");
    }

    @Test
    void listenersAddedThroughTheServiceStayAcrossAMoveOfTheRoot() {
        MultiStoreComponent component = activate(rootAt(work.resolve("first")));
        List<StorageEvent> direct = new CopyOnWriteArrayList<>();
        component.addListener(direct::add);

        component.modified(rootAt(work.resolve("second")));
        component.createStore("s", MemoryEngine.NAME, null);

        assertTrue(direct.stream().anyMatch(e -> e.type() == StorageEvent.Type.STORE_CREATED), direct.toString());
        assertThrows(StorageException.class, () -> component.addListener(null));
    }

    /** An engine that only has a name: enough for the registry. */
    private static final class NamedEngine implements Engine {

        private final String name;

        NamedEngine(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public Store create(String store, String path, Config config) {
            throw new StorageException(ErrorCode.UNSUPPORTED, "no stores");
        }

        @Override
        public Store open(String store, String path) {
            throw new StorageException(ErrorCode.STORE_NOT_FOUND, "no stores");
        }

        @Override
        public void destroy(String store, String path) {
        }

        @Override
        public Capabilities capabilities() {
            return new Capabilities(false, false, false, false, false);
        }
    }
}
