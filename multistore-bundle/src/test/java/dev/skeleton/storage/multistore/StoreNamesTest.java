package dev.skeleton.storage.multistore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.StoreInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Store names: every method that takes one refuses a name outside
 * {@value MultiStore#STORE_NAME_PATTERN}, or the name of a file the multistore keeps under its
 * root, with INVALID_ARGUMENT before it touches anything, so no path can leave the root and no
 * store can collide with the catalog; the message shows a long name cut to one short line. A valid
 * name's store lives at {@code rootPath/<name>}.
 */
class StoreNamesTest extends MultiStoreTestSupport {

    /**
     * Names outside the pattern, and the names of the files the multistore keeps under its root
     * (reserved: a store of that name would collide with the file), in any case.
     */
    private static final List<String> INVALID_NAMES = List.of("", "..", ".", "a/b", "../x", ".x", "-x", "_x",
            "a b", "a\\b", "é", "a:b", "a\nb", "x".repeat(129), "y".repeat(10_000),
            "catalog.txt", "catalog.txt.tmp", "Catalog.TXT", "CATALOG.txt.TMP", ".multistore.lock");

    private static final List<NamedCall> CALLS_TAKING_A_NAME = List.of(
            new NamedCall("getStore", MultiStore::getStore),
            new NamedCall("createStore", (stores, name) -> stores.createStore(name, MEMORY, null)),
            new NamedCall("deleteStore", MultiStore::deleteStore),
            new NamedCall("storeExists", MultiStore::storeExists),
            new NamedCall("storeInfo", MultiStore::storeInfo));

    /** A multistore method that takes a store name, with a name for the test report. */
    private record NamedCall(String method, BiConsumer<MultiStore, String> call) {
        @Override
        public String toString() {
            return method;
        }
    }

    static Stream<Arguments> invalidNameWithEveryMethod() {
        Stream<String> names = Stream.concat(Stream.of((String) null), INVALID_NAMES.stream());
        return names.flatMap(name -> CALLS_TAKING_A_NAME.stream().map(call -> Arguments.of(name, call)));
    }

    @ParameterizedTest(name = "{1}(\"{0}\")")
    @MethodSource("invalidNameWithEveryMethod")
    void anInvalidNameIsAnInvalidArgumentAndChangesNothing(String name, NamedCall call) throws Exception {
        List<Path> before = filesUnderRoot();

        StorageException e = assertCode(ErrorCode.INVALID_ARGUMENT, () -> call.call().accept(stores, name));

        assertTrue(e.getMessage().contains(shown(name)), e.getMessage());
        assertTrue(e.getMessage().length() < 300, () -> "one short line: " + e.getMessage().length() + " characters");
        assertFalse(e.getMessage().contains("\n"), "one line");
        assertEquals(List.of(), stores.listStores());
        assertEquals(List.of(), listener.events(), "no event for a refused call");
        assertEquals(before, filesUnderRoot(), "nothing written under the root");
    }

    /** How a message shows a name: whole up to 128 characters, else its first 64 and its length. */
    private static String shown(String name) {
        if (name == null) {
            return "null";
        }
        if (name.equals("a\nb")) {
            return "a\\u000ab";
        }
        return name.length() <= 128 ? name : name.substring(0, 64) + "... (" + name.length() + " characters)";
    }

    private List<Path> filesUnderRoot() throws IOException {
        try (Stream<Path> files = Files.list(root)) {
            return files.sorted().collect(Collectors.toList());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"catalog.txt", "catalog.txt.tmp"})
    void aReservedNameIsRefusedEvenWhereTheFileIsAbsentAndTheCatalogStaysReadable(String reserved) {
        StorageException e = assertCode(ErrorCode.INVALID_ARGUMENT, () -> stores.createStore(reserved, PERSISTENT, null));

        assertTrue(e.getMessage().contains("reserved"), e.getMessage());
        stores.createStore("after", PERSISTENT, null);
        assertEquals(List.of("after"), newMultiStore().listStores(), "the catalog is intact");
    }

    static Stream<String> validNames() {
        return Stream.of("a", "Z", "0", "users", "A-1", "x.y_z", "a..b", "a.", "9-_.", "n".repeat(128));
    }

    @ParameterizedTest
    @MethodSource("validNames")
    void aValidNameGivesAStoreAtRootSlashName(String name) {
        stores.createStore(name, PERSISTENT, null);

        StoreInfo info = stores.storeInfo(name);
        assertEquals(name, info.name());
        assertEquals(root.resolve(name).toString(), info.path());
        assertEquals(info.path(), stores.getStore(name).path());
        assertTrue(disk.exists(root.resolve(name).toString()), "the engine was given rootPath/<name>");
        assertTrue(stores.storeExists(name));
        stores.deleteStore(name);
        assertFalse(stores.storeExists(name));
    }
}
