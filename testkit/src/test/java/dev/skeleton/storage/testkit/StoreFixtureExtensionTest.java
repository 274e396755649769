package dev.skeleton.storage.testkit;

import static dev.skeleton.storage.ErrorCode.STORE_CLOSED;
import static dev.skeleton.storage.testkit.StorageAssertions.assertCode;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.skeleton.storage.Engine;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.testkit.reference.ReferenceEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;

/**
 * The extension behind {@link EngineFixture}: fixtures are cleaned up, misuse fails with a clear
 * message, and a stuck test fails instead of hanging. The classes it runs are nested and named so
 * that surefire does not run them by itself.
 */
class StoreFixtureExtensionTest {

    @Test
    void fixtureClosesStoresAndDeletesItsDirectoryAfterTheTest() {
        Events tests = run(RemembersItsFixture.class, "1");

        assertEquals(1, tests.succeeded().count());
        Store store = RemembersItsFixture.store.get();
        assertCode(STORE_CLOSED, () -> store.get(new byte[0]), "the fixture closed the store");
        assertFalse(Files.exists(RemembersItsFixture.directory.get()), "directory deleted");
    }

    @Test
    void fixtureNeedsAnEngineFixtureTestClass() {
        assertFailureMessage(run(NotAnEngineFixture.class, "1"), "parameters need a test class that implements");
    }

    @Test
    void nullEngineFailsClearly() {
        assertFailureMessage(run(NullEngine.class, "1"), "returned null");
    }

    @Test
    void stuckTestFailsAfterItsLimit() {
        assertFailureMessage(run(Stuck.class, "1"), "is stuck");
    }

    @Test
    void badStressDurationFailsClearly() {
        assertFailureMessage(run(RemembersItsFixture.class, "soon"),
                "skeleton.testkit.stressMillis must be a whole number");
    }

    private static Events run(Class<?> testClass, String stressMillis) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(testClass))
                .configurationParameter(StoreFixtureExtension.STRESS_MILLIS, stressMillis)
                .configurationParameter(StoreFixtureExtension.TIMEOUT_SECONDS, "1")
                .execute()
                .testEvents();
    }

    private static void assertFailureMessage(Events tests, String expected) {
        List<String> messages = tests.failed().stream()
                .map(Event::getPayload)
                .map(payload -> String.valueOf(payload.orElse(null)))
                .toList();
        assertEquals(1, messages.size(), "failed tests: " + messages);
        assertTrue(messages.get(0).contains(expected), () -> "expected '" + expected + "' in " + messages);
    }

    static class RemembersItsFixture implements EngineFixture {
        static final AtomicReference<Store> store = new AtomicReference<>();
        static final AtomicReference<Path> directory = new AtomicReference<>();

        @Override
        public Engine engine() {
            return new ReferenceEngine();
        }

        @Test
        void opensAStore(StoreFixture fixture) {
            store.set(fixture.createStore());
            directory.set(fixture.directory());
            fixture.stressDuration();
        }
    }

    @ExtendWith(StoreFixtureExtension.class)
    static class NotAnEngineFixture {
        @Test
        void wantsAFixture(StoreFixture fixture) {
            fixture.createStore();
        }
    }

    static class NullEngine implements EngineFixture {
        @Override
        public Engine engine() {
            return null;
        }

        @Test
        void usesTheEngine(StoreFixture fixture) {
            fixture.createStore();
        }
    }

    static class Stuck implements EngineFixture {
        @Override
        public Engine engine() {
            return new ReferenceEngine();
        }

        @Test
        void sleepsTooLong(StoreFixture fixture) throws InterruptedException {
            Thread.sleep(30_000);
        }
    }
}
