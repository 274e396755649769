package dev.skeleton.storage.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.apache.felix.hc.api.Result;
import org.junit.jupiter.api.Test;

class EnginePresenceTest {

    private final FakeMultiStore stores = new FakeMultiStore(Path.of("stores").toAbsolutePath());

    @Test
    void everyEngineInUsePresentIsOkNamingThem() {
        stores.engine("memory").engine("file").engine("postgres").store("ledger", "file").store("scratch", "memory");

        Result result = EnginePresence.check(stores.service());

        assertEquals(List.of("OK every engine the stores use is present: file, memory",
                "DEBUG registered engines: file, memory, postgres"), Results.lines(result));
    }

    @Test
    void withoutStoresNoEngineIsRequired() {
        Result result = EnginePresence.check(stores.service());

        assertEquals(Result.Status.OK, result.getStatus());
        assertEquals(List.of("OK no store uses an engine yet", "DEBUG registered engines: "), Results.lines(result));
    }

    @Test
    void aMissingEngineIsCriticalNamingTheStoresWaitingForIt() {
        stores.engine("memory").store("scratch", "memory").store("ledger", "file").store("archive", "file")
                .store("orders", "postgres");

        Result result = EnginePresence.check(stores.service());

        assertEquals(Result.Status.CRITICAL, result.getStatus());
        assertEquals(List.of(
                "CRITICAL engine file is missing; stores archive, ledger wait for it",
                "CRITICAL engine postgres is missing; store orders waits for it",
                "DEBUG registered engines: memory"), Results.lines(result));
    }
}
