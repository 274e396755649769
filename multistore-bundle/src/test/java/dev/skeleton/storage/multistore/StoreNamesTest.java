package dev.skeleton.storage.multistore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.StoreInfo;
import java.nio.file.Files;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Store names: every method that takes one refuses a name outside
 * {@value MultiStore#STORE_NAME_PATTERN} with INVALID_ARGUMENT before it touches anything, so no
 * path can leave the root; a valid name's store lives at {@code rootPath/<name>}.
 */
class StoreNamesTest extends MultiStoreTestSupport {

    private static final List<String> INVALID_NAMES = List.of("", "..", ".", "a/b", "../x", ".x", "-x", "_x",
            "a b", "a\\b", "é", "a:b", "x".repeat(129));

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
        StorageException e = assertCode(ErrorCode.INVALID_ARGUMENT, () -> call.call().accept(stores, name));

        assertTrue(e.getMessage().contains(String.valueOf(name)), e.getMessage());
        assertEquals(List.of(), stores.listStores());
        assertEquals(List.of(), listener.events(), "no event for a refused call");
        try (Stream<?> files = Files.list(root)) {
            assertEquals(0, files.count(), "nothing written under the root");
        }
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
