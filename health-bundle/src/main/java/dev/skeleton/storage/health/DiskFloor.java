package dev.skeleton.storage.health;

import java.io.IOException;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.Result;

/**
 * Judges the free space of the file system that holds the stores against a floor:
 * <ul>
 *   <li>{@code CRITICAL} below the floor: writes are about to fail for want of room (the file engine
 *       needs room for its log, and for each checkpoint before it can delete old files);</li>
 *   <li>{@code WARN} below twice the floor: time to make room, while there is still some;</li>
 *   <li>{@code OK} otherwise, and always with a floor of 0 (the limits are off; the free space is
 *       still reported).</li>
 * </ul>
 * Twice the floor, not a second setting: one figure to choose, and a warning margin that grows
 * with it. A file system that cannot be queried is a {@code HEALTH_CHECK_ERROR} naming the folder
 * and the cause.
 *
 * <p>Stateless.
 */
final class DiskFloor {

    private DiskFloor() {
    }

    /**
     * The verdict.
     *
     * @param folder     the stores' folder
     * @param floorBytes the floor, at least 0
     * @param space      measures the free space
     * @return the verdict, naming the free space, the folder and where it came from, and the floor
     */
    static Result check(DataFolder folder, long floorBytes, FreeSpace space) {
        FormattingResultLog log = new FormattingResultLog();
        long usable;
        try {
            usable = space.usableBytes(folder.path());
        } catch (IOException | RuntimeException e) {
            log.healthCheckError("{}", "cannot read the free space of the file system of " + folder.path() + " ("
                    + folder.source() + "): " + e);
            return new Result(log);
        }
        String where = Figures.bytes(usable) + " free on the file system of " + folder.path() + " ("
                + folder.source() + ")";
        long warnBelow = floorBytes > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : floorBytes * 2;
        if (floorBytes == 0) {
            log.info("{}", where + "; no floor (" + Settings.DISK_FLOOR_BYTES + " = 0)");
        } else if (usable < floorBytes) {
            log.critical("{}", where + ": below the floor of " + Figures.bytes(floorBytes)
                    + "; writes will soon fail, make room or move stores");
        } else if (usable < warnBelow) {
            log.warn("{}", where + ": less than twice the floor of " + Figures.bytes(floorBytes));
        } else {
            log.info("{}", where + "; floor " + Figures.bytes(floorBytes));
        }
        return new Result(log);
    }
}
