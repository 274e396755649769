package dev.skeleton.storage.testkit;

import static dev.skeleton.storage.testkit.Bytes.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import dev.skeleton.storage.Store;
import dev.skeleton.storage.VersionInfo;
import dev.skeleton.storage.Versioned;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A history written by a retention test, with a model of what each saved version holds, so that a
 * test can load any kept version and check it entry by entry and by hash.
 *
 * <p>Each step changes the store in three ways before it saves: it overwrites one key, adds a key
 * of its own and deletes the key added two steps before; the first step also writes a key that no
 * later step touches. So consecutive versions differ by sets and deletes, and every version shares
 * an entry with every pruned one: an engine that keeps a version as changes to a pruned one and
 * loses that base shows it as a missing entry.
 *
 * <p>The model follows {@code loadVersion}: after a load the next step starts from the loaded
 * content, as the store does. Keys and values are ASCII, so the model's {@link String} order is the
 * store's unsigned byte order.
 *
 * <p>Not thread-safe: one test uses it on one thread.
 */
final class SavedVersions {

    private final Store store;
    private final Versioned versioned;
    private final TreeMap<String, String> working = new TreeMap<>();
    private final Map<Long, TreeMap<String, String>> contents = new HashMap<>();
    private final Map<Long, String> hashes = new HashMap<>();
    private int steps;

    /**
     * A history of a new, empty store.
     *
     * @param store     the store
     * @param versioned the same store as {@link Versioned}
     */
    SavedVersions(Store store, Versioned versioned) {
        this.store = store;
        this.versioned = versioned;
    }

    /**
     * The same history, continued on the store reopened: its working content is the one the store
     * was closed with.
     *
     * @param reopened          the store as reopened
     * @param reopenedVersioned the same store as {@link Versioned}
     * @return a history of the reopened store
     */
    SavedVersions reopenedAs(Store reopened, Versioned reopenedVersioned) {
        SavedVersions continued = new SavedVersions(reopened, reopenedVersioned);
        continued.working.putAll(working);
        continued.contents.putAll(contents);
        continued.hashes.putAll(hashes);
        continued.steps = steps;
        return continued;
    }

    /**
     * Changes the store by one step and saves it.
     *
     * @return what the save returned
     */
    VersionInfo saveNextStep() {
        steps++;
        if (steps == 1) {
            set("untouched", "since step 1");
        }
        set("changing", "step " + steps);
        set("added " + steps, "v" + steps);
        if (steps > 2) {
            delete("added " + (steps - 2));
        }
        return save();
    }

    /**
     * Writes one entry to the store (and the model) without saving.
     *
     * @param key   the key
     * @param value the value
     */
    void set(String key, String value) {
        store.set(utf8(key), utf8(value));
        working.put(key, value);
    }

    /**
     * Saves the store as it is and remembers the version's content and hash.
     *
     * @return what the save returned
     */
    VersionInfo save() {
        VersionInfo info = versioned.saveVersion();
        contents.put(info.version(), new TreeMap<>(working));
        hashes.put(info.version(), info.hashHex());
        return info;
    }

    /**
     * Loads a version and checks that the store then holds exactly what was saved as it, with the
     * hash that the save returned, and that it is the current version.
     *
     * @param version a version this history saved
     */
    void loadAndCheck(long version) {
        versioned.loadVersion(version);
        working.clear();
        working.putAll(saved(version));
        assertHolds("version " + version + " after loading it");
        assertEquals(hashes.get(version), HexFormat.of().formatHex(ContentHashReference.hashOf(store)),
                "hash of version " + version + " as loaded against the hash its save returned");
        assertEquals(version, versioned.currentVersion(), "currentVersion after loading " + version);
    }

    /**
     * Asserts that the store's content is the model's working content.
     *
     * @param what what is checked, for the failure message
     */
    void assertHolds(String what) {
        assertEquals(expected(working), Entries.of(store), "content of store " + store.name() + ": " + what);
    }

    /**
     * The content saved as a version, as {@code "key=value"} entries in key order.
     *
     * @param version a version this history saved
     * @return its entries
     */
    List<String> contentOf(long version) {
        return expected(saved(version));
    }

    private void delete(String key) {
        store.delete(utf8(key));
        working.remove(key);
    }

    private TreeMap<String, String> saved(long version) {
        TreeMap<String, String> content = contents.get(version);
        assertNotNull(content, () -> "the test saved no version " + version + "; saved: " + contents.keySet());
        return content;
    }

    private static List<String> expected(Map<String, String> content) {
        List<String> entries = new ArrayList<>(content.size());
        content.forEach((key, value) -> entries.add(key + "=" + value));
        return entries;
    }
}
