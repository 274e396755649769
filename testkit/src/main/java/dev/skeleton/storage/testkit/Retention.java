package dev.skeleton.storage.testkit;

import dev.skeleton.storage.Config;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * A {@code max_versions} setting under which the kit runs the versioning contract. Every test of
 * {@link VersionedContract} whose rule holds whatever the retention runs once per setting of
 * {@link #settings()}: one version kept, two kept, and every version kept. The setting reaches the
 * engine through the configuration the kit creates its store with (laid over the test's
 * {@link EngineFixture#baseConfig()}), so every engine that runs the kit is checked under all three
 * without writing anything for it.
 *
 * <h2>What {@code max_versions = N} means</h2>
 * The contract: "{@code max_versions} (default 100; 0 or negative = unlimited) keeps the newest N
 * versions", and versions are numbered 1, 2, 3 &hellip;, each save taking one more than the highest
 * number ever handed out. The kit reads "newest" strictly as "highest numbers": once versions
 * {@code 1..n} were saved, exactly {@code max(1, n - N + 1) .. n} are listed and loadable, whatever
 * was loaded in between (loading a version does not make it newer), and every older one is
 * {@code VERSION_NOT_FOUND}. The current working data is no version and does not count.
 *
 * <p>Immutable, so thread-safe.
 *
 * @param maxVersions the value of {@code max_versions}; 0 or negative keeps every version
 */
public record Retention(int maxVersions) {

    /** The configuration key of version retention. */
    public static final String MAX_VERSIONS = "max_versions";

    /**
     * The settings the versioning contract runs under: 1, 2 and 0 (unlimited). One is the edge
     * where every save prunes the version before it; two is the smallest setting where a pruned
     * version sits beside a kept older one.
     *
     * @return the three settings
     */
    public static Stream<Retention> settings() {
        return Stream.of(new Retention(1), new Retention(2), new Retention(0));
    }

    /**
     * Whether every version is kept.
     *
     * @return true for {@code max_versions <= 0}
     */
    public boolean unlimited() {
        return maxVersions <= 0;
    }

    /**
     * The configuration that sets this retention.
     *
     * @return {@code max_versions} as a number
     */
    public Config config() {
        return Config.of(MAX_VERSIONS, maxVersions);
    }

    /**
     * The versions a store keeps once versions {@code 1..lastSaved} were saved.
     *
     * @param lastSaved the highest number saved so far
     * @return the kept numbers, ascending
     */
    public long[] keptAfter(long lastSaved) {
        return LongStream.rangeClosed(oldestKeptAfter(lastSaved), lastSaved).toArray();
    }

    /**
     * The oldest version a store keeps once versions {@code 1..lastSaved} were saved.
     *
     * @param lastSaved the highest number saved so far, at least 1
     * @return the oldest kept number
     */
    public long oldestKeptAfter(long lastSaved) {
        return unlimited() ? 1 : Math.max(1, lastSaved - maxVersions + 1);
    }

    /** Names the setting in test reports: {@code max_versions=2}, {@code max_versions=0 (unlimited)}. */
    @Override
    public String toString() {
        return MAX_VERSIONS + "=" + maxVersions + (unlimited() ? " (unlimited)" : "");
    }
}
