package dev.skeleton.storage.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class SettingsTest {

    private final List<String> warnings = new ArrayList<>();

    @Test
    void absentKeysTakeTheirDefaultsSilently() {
        assertEquals(512L << 20, Settings.diskFloorBytes(Map.of(), warnings::add));
        assertEquals(new EngineLimits(50, 900), Settings.engineLimits(Map.of("service.pid", "x"), warnings::add));
        assertEquals(EngineLimits.DEFAULTS, Settings.engineLimits(Map.of(), warnings::add));
        assertEquals(List.of(), warnings);
    }

    static List<Arguments> goodFloors() {
        return List.of(
                Arguments.of(0L, 0L),
                Arguments.of(1024L, 1024L),
                Arguments.of(7, 7L),
                Arguments.of((short) 7, 7L),
                Arguments.of((byte) 7, 7L),
                Arguments.of(2048.0, 2048L),
                Arguments.of(" 1073741824 ", 1L << 30),
                Arguments.of("1e9", 1_000_000_000L),
                Arguments.of(String.valueOf(Long.MAX_VALUE), Long.MAX_VALUE));
    }

    @ParameterizedTest
    @MethodSource("goodFloors")
    void aGoodDiskFloorIsTaken(Object value, long expected) {
        assertEquals(expected, Settings.diskFloorBytes(Map.of("disk.floor.bytes", value), warnings::add));
        assertEquals(List.of(), warnings);
    }

    static List<Arguments> badFloors() {
        return List.of(
                Arguments.of("lots", "is not a number"),
                Arguments.of("", "is blank"),
                Arguments.of(-1L, "is negative"),
                Arguments.of("-5", "is negative"),
                Arguments.of(1.5, "is not a whole number"),
                Arguments.of(Double.NaN, "is not a number"),
                Arguments.of(Float.POSITIVE_INFINITY, "is not a number"),
                Arguments.of("1" + Long.MAX_VALUE, "is too large"),
                Arguments.of(true, "is not a number"));
    }

    @ParameterizedTest
    @MethodSource("badFloors")
    void aBadDiskFloorIsNamedInOneLineAndTheDefaultUsed(Object value, String problem) {
        long floor = Settings.diskFloorBytes(Map.of("disk.floor.bytes", value), warnings::add);

        assertEquals(512L << 20, floor);
        assertEquals(List.of("health checks configuration dev.skeleton.storage.health: disk.floor.bytes = \"" + value
                + "\" " + problem + "; using the default 536870912"), warnings);
    }

    @Test
    void goodEngineLimitsAreTaken() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("fsync.limit.millis", "2.5");
        properties.put("checkpoint.age.limit.seconds", 60L);

        assertEquals(new EngineLimits(2.5, 60), Settings.engineLimits(properties, warnings::add));
        assertEquals(List.of(), warnings);
    }

    @Test
    void badEngineLimitsAreNamedEachInOneLineAndTheirDefaultsUsed() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("fsync.limit.millis", "0");
        properties.put("checkpoint.age.limit.seconds", "0");

        assertEquals(EngineLimits.DEFAULTS, Settings.engineLimits(properties, warnings::add));
        assertEquals(List.of(
                "health checks configuration dev.skeleton.storage.health: fsync.limit.millis = \"0\" is not above 0;"
                        + " using the default 50",
                "health checks configuration dev.skeleton.storage.health: checkpoint.age.limit.seconds = \"0\" is"
                        + " below 1; using the default 900"), warnings);
    }

    @Test
    void aFsyncLimitThatIsNoNumberIsNamed() {
        Settings.engineLimits(Map.of("fsync.limit.millis", "fast"), warnings::add);

        assertEquals(List.of("health checks configuration dev.skeleton.storage.health: fsync.limit.millis = \"fast\""
                + " is not a number; using the default 50"), warnings);
    }

    @Test
    void theDiskCheckAndTheEngineCheckReadOnlyTheirOwnKeys() {
        Map<String, Object> properties = Map.of("disk.floor.bytes", "x", "fsync.limit.millis", "y");

        Settings.engineLimits(properties, warnings::add);
        assertEquals(1, warnings.size(), warnings.toString());
        Settings.diskFloorBytes(properties, warnings::add);
        assertEquals(2, warnings.size(), warnings.toString());
    }

    @Test
    void limitsConvertToTheUnitsOfTheMetricsWithoutOverflow() {
        assertEquals(2500.0, new EngineLimits(2.5, 1).fsyncLimitMicros());
        assertEquals(60_000L, new EngineLimits(1, 60).checkpointAgeLimitMillis());
        assertEquals(Long.MAX_VALUE, new EngineLimits(1, Long.MAX_VALUE / 10).checkpointAgeLimitMillis());
    }
}
