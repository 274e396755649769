package dev.skeleton.storage;

import java.util.Map;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * What an engine can tell about one of its stores (or about itself) beyond what every store's
 * handle counts: the one engine-neutral way for engine-specific metrics to reach JMX, the shell's
 * {@code store:stats} and the health checks. An engine's {@link Store} (or its {@link Engine})
 * implements it where it has something to say; the multistore finds it with {@code instanceof}
 * and shows each metric as it is, named by the engine.
 *
 * <h2>Names</h2>
 * Lower-case words joined by {@code _}. A counter (it only grows while the store is open) ends in
 * the plural of what it counts ({@code fsyncs}, {@code round_trips}) or in {@code _bytes} for bytes
 * written or read so far; a gauge (a value now) says what it measures ({@code entries},
 * {@code disk_bytes}, {@code checkpoint_age_millis}); a unit, where there is one, ends the name.
 * Two names mean the same in every engine that reports them:
 * <ul>
 *   <li>{@value #ENTRIES}: the number of entries of the store's current data;</li>
 *   <li>{@value #DISK_BYTES}: the bytes the store takes on disk (or in its server) now.</li>
 * </ul>
 * The engines of this platform document the rest of their names with their configuration.
 *
 * <h2>Cost</h2>
 * The multistore asks when someone looks (an MBean attribute read, {@code store:stats}, a health
 * check run), not per operation; still, an implementation reads what it already keeps and does no
 * I/O beyond a cheap file-system query: an engine whose figure needs a round trip to a server
 * caches it for a few seconds.
 *
 * <p>Added in version 1.1 of this package.
 */
@ConsumerType
public interface MetricsSource {

    /** The gauge of the number of entries in the store's current data. */
    String ENTRIES = "entries";
    /** The gauge of the bytes the store takes on disk, or in its database server, now. */
    String DISK_BYTES = "disk_bytes";

    /**
     * The metrics now, by name. Callable from any thread, concurrently with the store's operations;
     * the values of one call need not be taken at one instant.
     *
     * @return a new map that the caller owns; empty, never null, once the store is closed
     */
    Map<String, Number> metrics();
}
