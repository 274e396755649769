package dev.skeleton.storage.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.skeleton.storage.Engine;
import dev.skeleton.storage.testkit.reference.BrokenEngines;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * {@link ContentHashReaderContract} for an engine with transactions whose read-only transactions
 * do not implement the optional {@link dev.skeleton.storage.ContentHashReader}: every test is
 * skipped, none fails, the stress test included (its assumption is checked before its workers
 * start, where it would count as their failure).
 */
class ContentHashReaderIsOptionalTest {

    @Test
    void everyTestOfTheContractSkipsForAnEngineWithoutIt() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(WithoutContentHash.class))
                .configurationParameter(StoreFixtureExtension.STRESS_MILLIS, "100")
                .execute();

        long started = results.testEvents().started().count();
        assertTrue(started >= 10, "the contract's tests ran: " + started);
        assertEquals(0, results.testEvents().failed().count(), () -> "failed: " + results.testEvents().failed().list());
        assertEquals(started, results.testEvents().aborted().count(), "every test was skipped");
    }

    /** The contract alone, for the engine without the interface; run by the test above only. */
    static class WithoutContentHash implements ContentHashReaderContract {
        @Override
        public Engine engine() {
            return BrokenEngines.withoutContentHash();
        }
    }
}
