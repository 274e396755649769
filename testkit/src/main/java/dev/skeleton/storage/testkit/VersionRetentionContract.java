package dev.skeleton.storage.testkit;

import static dev.skeleton.storage.ErrorCode.VERSION_NOT_FOUND;
import static dev.skeleton.storage.testkit.StorageAssertions.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skeleton.storage.Store;
import dev.skeleton.storage.VersionInfo;
import dev.skeleton.storage.Versioned;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@code max_versions = N} means, checked under each {@link Retention#settings() setting}
 * (1, 2 and unlimited): after saves numbered {@code 1..n} the newest {@code N} are listed and load
 * exactly what was saved, with the hash the save returned; every older one is
 * {@code VERSION_NOT_FOUND} and its load changes nothing; pruning never damages a kept version,
 * however many saves (and loads) came before; a version loaded is not made newer by it; and a
 * persistent store keeps all of this across close and open. {@link Retention} states the reading of
 * the contract the kit holds engines to.
 *
 * <p>Part of {@link VersionedContract}, which extends it, so that every engine that runs the
 * versioning contract runs these too; skipped for engines without the versioning capability, the
 * reopen test also for engines without persistence.
 */
public interface VersionRetentionContract extends EngineFixture {

    /** The method source of the retention settings, for the kit's parameterized tests. */
    String SETTINGS = "dev.skeleton.storage.testkit.Retention#settings";

    /** Saves enough to prune several times under every limited setting. */
    int FEW_SAVES = 6;

    /** Saves enough to pass, twice, the chain length an engine may write versions in (16 for files). */
    int MANY_SAVES = 40;

    /** After each save, the versions listed are the newest N and the save is the current version. */
    @ParameterizedTest(name = "{0}")
    @MethodSource(SETTINGS)
    default void retentionKeepsTheNewestSaves(Retention retention, StoreFixture fixture) {
        Store store = fixture.createStore(retention);
        Versioned versioned = fixture.versioned(store);
        SavedVersions history = new SavedVersions(store, versioned);

        for (long n = 1; n <= FEW_SAVES; n++) {
            VersionInfo info = history.saveNextStep();

            assertEquals(n, info.version(), "number of save " + n);
            assertEquals(n, versioned.currentVersion(), "currentVersion after save " + n);
            assertListed(retention.keptAfter(n), versioned, "after save " + n + " with " + retention);
        }
    }

    /** Every kept version loads exactly what was saved, with its hash; loading prunes nothing. */
    @ParameterizedTest(name = "{0}")
    @MethodSource(SETTINGS)
    default void retentionKeepsEveryKeptVersionIntact(Retention retention, StoreFixture fixture) {
        Store store = fixture.createStore(retention);
        Versioned versioned = fixture.versioned(store);
        SavedVersions history = new SavedVersions(store, versioned);
        for (int i = 0; i < FEW_SAVES; i++) {
            history.saveNextStep();
        }
        long[] kept = retention.keptAfter(FEW_SAVES);

        for (long version : kept) {
            history.loadAndCheck(version);
            assertListed(kept, versioned, "after loading version " + version);
        }
        history.loadAndCheck(kept[0]);
    }

    /** A pruned version is {@code VERSION_NOT_FOUND}, and trying to load it changes nothing. */
    @ParameterizedTest(name = "{0}")
    @MethodSource(SETTINGS)
    default void retentionMakesOlderVersionsNotFound(Retention retention, StoreFixture fixture) {
        Store store = fixture.createStore(retention);
        Versioned versioned = fixture.versioned(store);
        SavedVersions history = new SavedVersions(store, versioned);
        for (int i = 0; i < FEW_SAVES; i++) {
            history.saveNextStep();
        }
        history.set("working", "not saved");

        for (long pruned = 1; pruned < retention.oldestKeptAfter(FEW_SAVES); pruned++) {
            long version = pruned;
            assertCode(VERSION_NOT_FOUND, () -> versioned.loadVersion(version),
                    "loadVersion(" + version + ") of a version pruned under " + retention);
            history.assertHolds("after the failed load of pruned version " + version);
            assertEquals(FEW_SAVES, versioned.currentVersion(), "currentVersion after a failed load");
        }
        assertListed(retention.keptAfter(FEW_SAVES), versioned, "after the failed loads");
    }

    /**
     * Many saves, each pruning under a limit: after every one, the oldest kept version and the
     * newest still load exactly. With {@code max_versions = 1} every save replaces the only version.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource(SETTINGS)
    default void retentionNeverBreaksAKeptVersionOverManySaves(Retention retention, StoreFixture fixture) {
        Store store = fixture.createStore(retention);
        Versioned versioned = fixture.versioned(store);
        SavedVersions history = new SavedVersions(store, versioned);

        for (long n = 1; n <= MANY_SAVES; n++) {
            history.saveNextStep();

            assertListed(retention.keptAfter(n), versioned, "after save " + n + " with " + retention);
            history.loadAndCheck(retention.oldestKeptAfter(n));
            history.loadAndCheck(n);
        }
    }

    /**
     * A save after loading the oldest kept version takes the next number and prunes by number: the
     * loaded version is not made newer by the load, so it is the first to go.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource(SETTINGS)
    default void retentionPrunesByNumberAfterALoad(Retention retention, StoreFixture fixture) {
        Store store = fixture.createStore(retention);
        Versioned versioned = fixture.versioned(store);
        SavedVersions history = new SavedVersions(store, versioned);
        for (int i = 0; i < FEW_SAVES; i++) {
            history.saveNextStep();
        }
        long loaded = retention.oldestKeptAfter(FEW_SAVES);
        history.loadAndCheck(loaded);
        history.set("after", "load");

        VersionInfo next = history.save();

        assertEquals(FEW_SAVES + 1, next.version(), "number of the save after loading " + loaded);
        long[] kept = retention.keptAfter(next.version());
        assertListed(kept, versioned, "after loading " + loaded + " and saving");
        for (long version : kept) {
            history.loadAndCheck(version);
        }
        if (loaded < kept[0]) {
            assertCode(VERSION_NOT_FOUND, () -> versioned.loadVersion(loaded),
                    "loadVersion(" + loaded + "): loaded, then pruned by the next save under " + retention);
        }
    }

    /**
     * A persistent store keeps the same versions across close and open: the kept ones load with
     * their content and hash, the pruned ones stay {@code VERSION_NOT_FOUND} (however much of them
     * an engine still holds as a base of others), and saves after the open go on numbering and
     * pruning under the same setting.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource(SETTINGS)
    default void retentionSurvivesReopen(Retention retention, StoreFixture fixture) {
        fixture.assumePersistence();
        Store store = fixture.createStore(retention);
        SavedVersions before = new SavedVersions(store, fixture.versioned(store));
        for (int i = 0; i < FEW_SAVES; i++) {
            before.saveNextStep();
        }

        Store reopened = fixture.reopen(store);
        Versioned versioned = fixture.versioned(reopened);
        SavedVersions history = before.reopenedAs(reopened, versioned);

        assertEquals(FEW_SAVES, versioned.currentVersion(), "currentVersion after reopen");
        assertListed(retention.keptAfter(FEW_SAVES), versioned, "after reopen");
        assertPrunedAreNotFound(retention, versioned, FEW_SAVES, "after reopen");
        for (long version : retention.keptAfter(FEW_SAVES)) {
            history.loadAndCheck(version);
        }
        history.loadAndCheck(FEW_SAVES);
        assertEquals(FEW_SAVES + 1, history.saveNextStep().version(), "number of the first save after reopen");
        assertListed(retention.keptAfter(FEW_SAVES + 1), versioned, "after a save after reopen");

        Versioned again = fixture.versioned(fixture.reopen(reopened));
        assertListed(retention.keptAfter(FEW_SAVES + 1), again, "after the second reopen");
        assertPrunedAreNotFound(retention, again, FEW_SAVES + 1, "after the second reopen");
    }

    private static void assertPrunedAreNotFound(Retention retention, Versioned versioned, long lastSaved,
            String when) {
        for (long pruned = 1; pruned < retention.oldestKeptAfter(lastSaved); pruned++) {
            long version = pruned;
            assertCode(VERSION_NOT_FOUND, () -> versioned.loadVersion(version),
                    "loadVersion(" + version + ") of a version pruned under " + retention + ", " + when);
        }
    }

    private static void assertListed(long[] expected, Versioned versioned, String when) {
        long[] listed = versioned.listVersions();
        assertArrayEquals(expected, listed, () -> "listVersions " + when + ": expected "
                + Arrays.toString(expected) + " but was " + Arrays.toString(listed));
    }
}
