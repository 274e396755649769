package dev.skeleton.storage.testkit;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Store;
import dev.skeleton.storage.Versioned;
import dev.skeleton.storage.testkit.reference.ReferenceEngine;
import dev.skeleton.storage.testkit.reference.StoreOnlyEngine;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.TestAbortedException;

/** The fixture's own behaviour: capability checks skip, work on other threads reports failures as they are. */
class StoreFixtureTest {

    @TempDir
    Path directory;

    private StoreFixture fixture;

    @AfterEach
    void cleanUp() {
        fixture.cleanUp();
    }

    @Test
    void capabilityMethodsSkipForAnEngineWithoutTheCapability() {
        fixture = new StoreFixture(StoreOnlyEngine::new, directory, Duration.ZERO);
        Store store = fixture.createStore();

        assertThrows(TestAbortedException.class, () -> fixture.transactional(store));
        assertThrows(TestAbortedException.class, () -> fixture.versioned(store));
        assertThrows(TestAbortedException.class, () -> fixture.rangeQueryable(store));
        assertThrows(TestAbortedException.class, fixture::assumePersistence);
        assertThrows(TestAbortedException.class, () -> fixture.versionReader(store));
    }

    /**
     * VersionReader is optional and has no capability flag: a versioned store that does not
     * implement it skips the reader's tests, one that does is handed back.
     */
    @Test
    void versionReaderSkipsForAVersionedStoreWithoutIt() {
        fixture = new StoreFixture(ReferenceEngine::new, directory, Duration.ZERO);
        Store reader = fixture.createStore();
        Store withoutReader = withoutVersionReader(fixture.createStore("other", null));

        assertSame(reader, fixture.versionReader(reader));
        assertThrows(TestAbortedException.class, () -> fixture.versionReader(withoutReader));
    }

    /** The same store seen only as Store and Versioned, as a handle that does not forward the reader. */
    private static Store withoutVersionReader(Store store) {
        return (Store) Proxy.newProxyInstance(StoreFixtureTest.class.getClassLoader(),
                new Class<?>[] {Store.class, Versioned.class}, (proxy, method, args) -> {
                    try {
                        return method.invoke(store, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void failureOnAnotherThreadReachesTheCallerUnchanged() {
        fixture = new StoreFixture(StoreOnlyEngine::new, directory, Duration.ZERO);
        IllegalStateException exception = new IllegalStateException("engine failed");
        AssertionError error = new AssertionError("check failed");

        assertSame(exception, assertThrows(IllegalStateException.class,
                () -> fixture.runOnAnotherThread("failing action", () -> {
                    throw exception;
                })));
        assertSame(error, assertThrows(AssertionError.class,
                () -> fixture.runOnAnotherThread("failing check", () -> {
                    throw error;
                })));
    }

    @Test
    void storesArePlacedUnderTheFixtureDirectory() {
        fixture = new StoreFixture(StoreOnlyEngine::new, directory, Duration.ZERO);

        Store store = fixture.createStore("named", null);

        assertTrue(store.path().startsWith(directory.toString()), store.path());
    }
}
