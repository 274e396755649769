package dev.skeleton.storage.multistore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StoreInfo;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code listStores}, {@code listEngines}, {@code storeExists} and {@code storeInfo}. */
class ListingAndInfoTest extends MultiStoreTestSupport {

    @Test
    void listStoresIsSortedAndCoversEveryEngine() {
        for (String name : List.of("b", "a", "C", "10", "9", "a.b", "a-b")) {
            stores.createStore(name, name.length() == 1 ? PERSISTENT : MEMORY, null);
        }
        stores.createStore("z", PLAIN, null);

        assertEquals(List.of("10", "9", "C", "a", "a-b", "a.b", "b", "z"), stores.listStores());
    }

    @Test
    void listStoresHoldsStoresWhoseEngineIsAbsent() {
        stores.createStore("p", PERSISTENT, null);
        stores.unregisterEngine(PERSISTENT);

        assertEquals(List.of("p"), stores.listStores());
        assertEquals(List.of("p"), newMultiStore().listStores());
    }

    @Test
    void listEnginesIsSorted() {
        stores.registerEngine(new PersistentTestEngine("archive", disk));
        stores.registerEngine(new PersistentTestEngine("Zeta", disk));

        assertEquals(List.of("Zeta", "archive", MEMORY, PERSISTENT, PLAIN), stores.listEngines());
        assertEquals(List.of(), newMultiStore().listEngines());
    }

    @Test
    void storeExistsAnswersForKnownAndUnknownStores() {
        stores.createStore("s", MEMORY, null);

        assertTrue(stores.storeExists("s"));
        assertFalse(stores.storeExists("t"));
        stores.deleteStore("s");
        assertFalse(stores.storeExists("s"));
    }

    @Test
    void storeInfoTellsNameEnginePathAvailabilityAndConfig() {
        stores.createStore("s", PERSISTENT, Config.of("limit", 9, "note", "x"));

        assertEquals(new StoreInfo("s", PERSISTENT, pathOf("s"), true, Config.of("limit", 9, "note", "x")),
                stores.storeInfo("s"));
    }

    @Test
    void aStoreIsUnavailableWhileItsEngineIsAbsent() {
        stores.createStore("s", PERSISTENT, null);

        stores.unregisterEngine(PERSISTENT);
        assertFalse(stores.storeInfo("s").available());
        assertEquals(PERSISTENT, stores.storeInfo("s").engine());

        stores.registerEngine(new PersistentTestEngine(disk));
        assertTrue(stores.storeInfo("s").available());
    }

    @Test
    void aStoreOfTheCatalogIsUnavailableUntilItsEngineIsRegistered() {
        stores.createStore("s", PERSISTENT, null);
        stores.close();
        DefaultMultiStore restarted = newMultiStore();

        assertFalse(restarted.storeInfo("s").available());
        restarted.registerEngine(new PersistentTestEngine(disk));
        assertTrue(restarted.storeInfo("s").available());
    }

    @Test
    void storeInfoOfAnUnknownStoreIsStoreNotFound() {
        assertCode(ErrorCode.STORE_NOT_FOUND, () -> stores.storeInfo("nothing"));
    }
}
