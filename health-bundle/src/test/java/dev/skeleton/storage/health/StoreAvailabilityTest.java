package dev.skeleton.storage.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.apache.felix.hc.api.Result;
import org.junit.jupiter.api.Test;

class StoreAvailabilityTest {

    private final FakeMultiStore stores = new FakeMultiStore(Path.of("stores").toAbsolutePath());

    @Test
    void everyStoreAvailableIsOkWithTheCount() {
        stores.engine("memory").engine("file").store("ledger", "file").store("scratch", "memory");

        Result result = StoreAvailability.check(stores.service());

        assertEquals(Result.Status.OK, result.getStatus());
        assertEquals(List.of("OK 2 of 2 stores available"), Results.lines(result));
    }

    @Test
    void noStoresIsOk() {
        Result result = StoreAvailability.check(stores.service());

        assertEquals(List.of("OK 0 of 0 stores available"), Results.lines(result));
    }

    @Test
    void anUnavailableStoreIsCriticalNamingItsEngine() {
        stores.engine("memory").store("scratch", "memory").store("ledger", "file").store("orders", "postgres");

        Result result = StoreAvailability.check(stores.service());

        assertEquals(Result.Status.CRITICAL, result.getStatus());
        assertEquals(List.of(
                "CRITICAL store ledger is unavailable: its engine file is not present",
                "CRITICAL store orders is unavailable: its engine postgres is not present",
                "OK 1 of 3 stores available"), Results.lines(result));
    }

    @Test
    void aStoreDeletedWhileTheCheckRunsIsLeftOut() {
        stores.engine("memory").store("scratch", "memory").vanished("gone");

        Result result = StoreAvailability.check(stores.service());

        assertEquals(List.of("OK 1 of 1 store available"), Results.lines(result));
    }
}
