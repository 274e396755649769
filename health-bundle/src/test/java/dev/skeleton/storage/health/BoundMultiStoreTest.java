package dev.skeleton.storage.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.felix.hc.api.Result;
import org.junit.jupiter.api.Test;

class BoundMultiStoreTest {

    private final BoundMultiStore bound = new BoundMultiStore();
    private final MultiStore first = new FakeMultiStore(Path.of("a").toAbsolutePath()).service();
    private final MultiStore second = new FakeMultiStore(Path.of("b").toAbsolutePath()).service();

    @Test
    void withoutMultistoreTheCheckIsTemporarilyUnavailable() {
        Result result = bound.judge(stores -> {
            throw new AssertionError("not called without a multistore");
        });

        assertEquals(Result.Status.TEMPORARILY_UNAVAILABLE, result.getStatus());
        assertEquals(List.of("TEMPORARILY_UNAVAILABLE the multistore is not running (no MultiStore service)"),
                Results.lines(result));
    }

    @Test
    void aBoundMultistoreIsJudged() {
        bound.bind(first, Map.of("root.path", "a"));

        Result result = bound.judge(stores -> new Result(Result.Status.OK, "judged " + (stores == first)));

        assertEquals(List.of("OK judged true"), Results.lines(result));
    }

    @Test
    void aMultistoreThatIsNotActiveIsNotRunning() {
        bound.bind(new FakeMultiStore(Path.of("a").toAbsolutePath()).failing(ErrorCode.STORE_CLOSED).service(), Map.of());

        Result result = bound.judge(StoreAvailability::check);

        assertEquals(Result.Status.TEMPORARILY_UNAVAILABLE, result.getStatus());
        assertEquals(List.of("TEMPORARILY_UNAVAILABLE the multistore is not running: fake failure STORE_CLOSED"),
                Results.lines(result));
    }

    @Test
    void otherFailuresAreLeftToTheExecutor() {
        bound.bind(first, Map.of());

        StorageException e = assertThrows(StorageException.class, () -> bound.judge(stores -> {
            throw new StorageException(ErrorCode.IO, "disk on fire");
        }));

        assertEquals(ErrorCode.IO, e.code());
    }

    @Test
    void aGreedyReplacementKeepsTheNewServiceWhenTheOldOneLeaves() {
        bound.bind(first, Map.of());
        bound.bind(second, Map.of());
        bound.unbind(first);

        assertSame(second, bound.current().orElseThrow().stores());

        bound.unbind(second);
        assertTrue(bound.current().isEmpty());
    }

    @Test
    void newPropertiesOfTheBoundServiceAreTakenAndThoseOfAnotherIgnored() {
        bound.bind(first, Map.of("root.path", "old"));

        bound.update(second, Map.of("root.path", "other"));
        assertEquals("old", bound.current().orElseThrow().properties().get("root.path"));

        bound.update(first, Map.of("root.path", "new"));
        assertEquals("new", bound.current().orElseThrow().properties().get("root.path"));

        bound.unbind(first);
        bound.update(first, Map.of("root.path", "late"));
        assertTrue(bound.current().isEmpty(), "an update after the unbind binds nothing");
    }
}
