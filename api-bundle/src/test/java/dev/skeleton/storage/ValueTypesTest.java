package dev.skeleton.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValueTypesTest {

    private static void assertCode(ErrorCode code, Runnable r) {
        assertEquals(code, assertThrows(StorageException.class, r::run).code());
    }

    @Test
    void versionInfoCopiesItsHashBothWays() {
        byte[] hash = new byte[32];
        VersionInfo info = new VersionInfo(1, hash);
        hash[0] = 9;
        assertEquals(0, info.hash()[0]);
        info.hash()[1] = 9;
        assertEquals(0, info.hash()[1]);
        assertEquals("00".repeat(32), info.hashHex());
    }

    @Test
    void versionInfoComparesHashByContent() {
        VersionInfo a = new VersionInfo(2, new byte[32]);
        assertEquals(a, new VersionInfo(2, new byte[32]));
        assertEquals(a.hashCode(), new VersionInfo(2, new byte[32]).hashCode());
        assertNotEquals(a, new VersionInfo(3, new byte[32]));
        byte[] other = new byte[32];
        other[31] = 1;
        assertNotEquals(a, new VersionInfo(2, other));
        assertNotEquals(a, "a");
        assertTrue(a.toString().contains("version=2"));
    }

    @Test
    void versionInfoValidates() {
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> new VersionInfo(0, new byte[32]));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> new VersionInfo(1, new byte[31]));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> new VersionInfo(1, null));
    }

    @Test
    void storageEventNamesItsTopicAndValidates() {
        StorageEvent e = new StorageEvent(StorageEvent.Type.VERSION_SAVED, "users", "memory", 3, Instant.EPOCH);
        assertEquals("dev/skeleton/storage/VERSION_SAVED", e.topic());
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> new StorageEvent(null, "s", "e", 0, Instant.EPOCH));
        assertCode(ErrorCode.INVALID_ARGUMENT,
                () -> new StorageEvent(StorageEvent.Type.STORE_CLOSED, "s", "e", 0, null));
        assertCode(ErrorCode.INVALID_ARGUMENT,
                () -> new StorageEvent(StorageEvent.Type.STORE_CLOSED, "s", "e", -1, Instant.EPOCH));
    }

    @Test
    void multiStoreConfigFillsDefaultsAndCopies() {
        MultiStoreConfig plain = MultiStoreConfig.of(Path.of("data"));
        assertEquals("memory", plain.defaultEngine());
        assertEquals(Map.of(), plain.engineConfigs());
        assertEquals("memory", new MultiStoreConfig(Path.of("d"), "", null).defaultEngine());

        Map<String, Config> configs = new HashMap<>();
        configs.put("file", Config.of("sync", "always"));
        MultiStoreConfig withEngine = new MultiStoreConfig(Path.of("d"), "file", configs);
        configs.clear();
        assertEquals(Config.of("sync", "always"), withEngine.engineConfigs().get("file"));
        assertEquals("file", withEngine.defaultEngine());
    }

    @Test
    void multiStoreConfigRejectsMissingRootAndNulls() {
        assertCode(ErrorCode.INVALID_CONFIG, () -> new MultiStoreConfig(null, "memory", null));
        Map<String, Config> withNull = new HashMap<>();
        withNull.put("file", null);
        assertCode(ErrorCode.INVALID_CONFIG, () -> new MultiStoreConfig(Path.of("d"), null, withNull));
    }

    @Test
    void storeNamePatternAcceptsAndRejects() {
        assertTrue("users".matches(MultiStore.STORE_NAME_PATTERN));
        assertTrue("a.b-c_9".matches(MultiStore.STORE_NAME_PATTERN));
        assertTrue("a".repeat(128).matches(MultiStore.STORE_NAME_PATTERN));
        for (String bad : new String[] {"", "..", ".hidden", "a/b", "a\\b", "a".repeat(129), "-x", "a b"}) {
            assertTrue(!bad.matches(MultiStore.STORE_NAME_PATTERN), bad);
        }
    }

    @Test
    void recordsHoldTheirFields() {
        Capabilities caps = new Capabilities(true, true, true, false, false);
        assertTrue(caps.transactions() && caps.versioning() && caps.rangeQueries());
        StoreInfo info = new StoreInfo("users", "file", "/d/users", true, Config.empty());
        assertEquals("file", info.engine());
        assertEquals("/d/users", info.path());
    }
}
