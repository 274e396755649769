package dev.skeleton.storage.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.MetricsSource;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.Versioned;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The memory store's metrics: {@code entries} alone, following every kind of change, and nothing
 * once the store is closed.
 */
class MemoryStoreMetricsTest {

    private final Store store = new MemoryEngine().create("m", "/nowhere/m", null);

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private Map<String, Number> metrics() {
        return assertInstanceOf(MetricsSource.class, store).metrics();
    }

    private long entries() {
        return metrics().get(MetricsSource.ENTRIES).longValue();
    }

    @Test
    void reportsEntriesAlone() {
        Map<String, Number> metrics = metrics();
        assertEquals(List.of(MetricsSource.ENTRIES), List.copyOf(metrics.keySet()));
        assertEquals(0L, metrics.get(MetricsSource.ENTRIES));
    }

    @Test
    void entriesFollowSetsDeletesCommitsAndLoads() {
        for (int i = 0; i < 10; i++) {
            store.set(b("k" + i), b("v" + i));
        }
        assertEquals(10, entries());
        store.set(b("k3"), b("again"));
        assertEquals(10, entries(), "overwriting adds no entry");
        store.delete(b("k3"));
        store.delete(b("missing"));
        assertEquals(9, entries());
        long saved = ((Versioned) store).saveVersion().version();
        try (Transaction tx = ((Transactional) store).beginTx()) {
            tx.set(b("t1"), b("x"));
            tx.set(b("t2"), b("y"));
            tx.delete(b("k0"));
            assertEquals(9, entries(), "a transaction's writes count once committed");
            tx.commit();
        }
        assertEquals(10, entries());
        ((Versioned) store).loadVersion(saved);
        assertEquals(9, entries());
    }

    @Test
    void eachCallReturnsANewMapTheCallerOwns() {
        Map<String, Number> first = metrics();
        first.clear();
        assertEquals(0L, metrics().get(MetricsSource.ENTRIES));
    }

    @Test
    void aClosedStoreReportsNothing() {
        store.set(b("k"), b("v"));
        store.close();
        assertTrue(metrics().isEmpty());
        assertTrue(metrics().isEmpty(), "and keeps reporting nothing");
    }
}
