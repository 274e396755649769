package dev.skeleton.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ConfigTest {

    private static StorageException invalid(Runnable r) {
        StorageException e = assertThrows(StorageException.class, r::run);
        assertEquals(ErrorCode.INVALID_CONFIG, e.code());
        return e;
    }

    @Test
    void numbersAcceptIntegerLongShortByteAndNumericStrings() {
        Config c = Config.of("i", 7, "l", 8L, "s", (short) 9, "b", (byte) 10, "str", " 11 ", "neg", "-3");
        assertEquals(7, c.getLong("i", 0));
        assertEquals(8, c.getInt("l", 0));
        assertEquals(9, c.getLong("s", 0));
        assertEquals(10, c.getLong("b", 0));
        assertEquals(11, c.getInt("str", 0));
        assertEquals(-3, c.getLong("neg", 0));
    }

    @Test
    void absentKeyGivesTheDefaultWithoutRangeCheck() {
        assertEquals(-1, Config.empty().getLong("x", -1, 0, 10));
        assertEquals(5, Config.empty().getInt("x", 5));
        assertTrue(Config.empty().getBoolean("x", true));
        assertEquals("d", Config.empty().getString("x", "d"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "1.5", "", "12x", "99999999999999999999"})
    void nonNumericStringsAreInvalidAndNamed(String bad) {
        Config c = Config.of("max_versions", bad);
        StorageException e = invalid(() -> c.getLong("max_versions", 0));
        assertTrue(e.getMessage().contains("max_versions"), e.getMessage());
        assertTrue(e.getMessage().contains("\"" + bad + "\""), e.getMessage());
    }

    @Test
    void fractionsAndOtherTypesAreNotNumbers() {
        StorageException e = invalid(() -> Config.of("n", 1.5).getLong("n", 0));
        assertTrue(e.getMessage().contains("1.5 (Double)"), e.getMessage());
        invalid(() -> Config.of("n", true).getInt("n", 0));
    }

    @Test
    void outOfRangeNamesKeyValueAndRange() {
        StorageException e = invalid(() -> Config.of("max_size", -5).getLong("max_size", 0, 0, 100));
        assertTrue(e.getMessage().contains("max_size") && e.getMessage().contains("-5")
                && e.getMessage().contains("0 to 100"), e.getMessage());
        invalid(() -> Config.of("n", Long.MAX_VALUE).getInt("n", 0));
        assertEquals(100, Config.of("n", 100).getInt("n", 0, 0, 100));
    }

    @Test
    void booleansAcceptBooleanAndExactStrings() {
        Config c = Config.of("t", Boolean.TRUE, "f", false, "ts", "true", "fs", "false");
        assertTrue(c.getBoolean("t", false));
        assertFalse(c.getBoolean("f", true));
        assertTrue(c.getBoolean("ts", false));
        assertFalse(c.getBoolean("fs", true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "TRUE", "1", " true", ""})
    void otherBooleanSpellingsAreInvalid(String bad) {
        StorageException e = invalid(() -> Config.of("compression", bad).getBoolean("compression", false));
        assertTrue(e.getMessage().contains("compression"), e.getMessage());
        invalid(() -> Config.of("compression", 1).getBoolean("compression", false));
    }

    @Test
    void stringsAndChoices() {
        Config c = Config.of("sync", "always", "n", 3);
        assertEquals("always", c.getString("sync", null));
        assertEquals("always", c.getChoice("sync", "never", "always", "interval", "never"));
        assertEquals("never", Config.empty().getChoice("sync", "never", "always", "never"));
        invalid(() -> c.getString("n", null));
        StorageException e = invalid(() -> Config.of("sync", "sometimes").getChoice("sync", "never", "always", "never"));
        assertTrue(e.getMessage().contains("sometimes") && e.getMessage().contains("always, never"), e.getMessage());
    }

    @Test
    void unknownKeysFailButFrameworkKeysPass() {
        Config c = Config.of("max_versions", 3, "service.pid", "x", "component.name", "y",
                "felix.fileinstall.filename", "z");
        c.requireKnownKeys("memory", List.of("max_versions"));
        StorageException e = invalid(() -> c.with("max_verions", 4).requireKnownKeys("memory", List.of("max_versions")));
        assertTrue(e.getMessage().contains("max_verions=4") && e.getMessage().contains("memory"), e.getMessage());
        assertTrue(Config.isFrameworkKey("service.ranking"));
        assertTrue(Config.isFrameworkKey("osgi.ds.satisfying.condition.target"));
        assertTrue(Config.isFrameworkKey("org.apache.karaf.features.configKey"));
        assertFalse(Config.isFrameworkKey("org.apache.karaf.other"));
        assertFalse(Config.isFrameworkKey("sync"));
    }

    @Test
    void ofCopiesAndRejectsNulls() {
        Map<String, Object> source = new HashMap<>();
        source.put("a", 1);
        Config c = Config.of(source);
        source.put("a", 2);
        assertEquals(1, c.get("a"));
        assertThrows(UnsupportedOperationException.class, () -> c.asMap().put("b", 1));
        source.put("n", null);
        invalid(() -> Config.of(source));
        invalid(() -> Config.of("k"));
        invalid(() -> Config.of(1, 2));
        invalid(() -> Config.of("k", null));
        invalid(() -> Config.of((Object[]) null));
        assertSame(Config.empty(), Config.of((Map<String, ?>) null));
        assertSame(Config.empty(), Config.of(Map.of()));
    }

    @Test
    void mergeLetsOverridesWinAndKeepsBothUnchanged() {
        Config defaults = Config.of("a", 1, "b", 2);
        Config own = Config.of("b", 3, "c", 4);
        Config merged = defaults.merge(own);
        assertEquals(Config.of("a", 1, "b", 3, "c", 4), merged);
        assertEquals(Config.of("a", 1, "b", 2), defaults);
        assertSame(defaults, defaults.merge(null));
        assertSame(defaults, defaults.merge(Config.empty()));
        assertEquals(5, defaults.with("a", 5).get("a"));
    }

    @Test
    void valueSemantics() {
        Config a = Config.of("x", 1);
        assertEquals(a, Config.of(Map.of("x", 1)));
        assertEquals(a.hashCode(), Config.of(Map.of("x", 1)).hashCode());
        assertNotEquals(a, Config.of("x", 2));
        assertNotEquals(a, "x");
        assertEquals("Config{x=1}", a.toString());
        assertTrue(a.contains("x"));
        assertFalse(a.isEmpty());
        assertTrue(Config.empty().isEmpty());
        assertNull(a.get("y"));
    }
}
