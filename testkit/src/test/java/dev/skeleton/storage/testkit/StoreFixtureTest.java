package dev.skeleton.storage.testkit;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Store;
import dev.skeleton.storage.testkit.reference.StoreOnlyEngine;
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
