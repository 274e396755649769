package dev.skeleton.storage.multistore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageEvent.Type;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The catalog {@code rootPath/catalog.txt}: a new multistore on the same root knows the persistent
 * stores (engine and config, types kept) and opens them with their data; non-persistent stores are
 * not in it; a corrupt file fails construction naming file and line; the file is replaced
 * atomically and parses after every operation.
 */
class CatalogTest extends MultiStoreTestSupport {

    private Path catalogFile() {
        return root.resolve(Catalog.FILE_NAME);
    }

    private void writeCatalog(String... lines) throws IOException {
        Files.write(catalogFile(), List.of(lines), StandardCharsets.UTF_8);
    }

    @Test
    void aNewMultiStoreKnowsThePersistentStoresAndOpensThemWithTheirData() {
        stores.createStore("users", PERSISTENT, Config.of("limit", 10, "sync", "always"));
        stores.createStore("orders", PERSISTENT, null);
        stores.getStore("users").set(bytes("alice"), bytes("1"));
        stores.close();

        DefaultMultiStore restarted = newMultiStore();
        RecordingListener events = new RecordingListener();
        restarted.addListener(events);
        restarted.registerEngine(new PersistentTestEngine(disk));

        assertEquals(List.of("orders", "users"), restarted.listStores());
        assertEquals(PERSISTENT, restarted.storeInfo("users").engine());
        assertEquals(Config.of("limit", 10, "sync", "always"), restarted.storeInfo("users").config());
        Store users = restarted.getStore("users");
        assertEquals("1", text(users.get(bytes("alice"))));
        assertSame(users, restarted.getStore("users"));
        assertEquals(List.of("ENGINE_ADDED null persistent 0", "STORE_OPENED users persistent 0"), events.log());
    }

    @Test
    void beforeItsEngineIsRegisteredAStoreOfTheCatalogIsEngineUnavailable() {
        stores.createStore("s", PERSISTENT, null);
        stores.close();

        DefaultMultiStore restarted = newMultiStore();

        assertTrue(restarted.storeExists("s"));
        assertCode(ErrorCode.ENGINE_UNAVAILABLE, () -> restarted.getStore("s"));
    }

    @Test
    void nonPersistentStoresAreNotInTheCatalog() throws IOException {
        stores.createStore("m", MEMORY, null);
        stores.createStore("p", PLAIN, null);
        stores.createStore("d", PERSISTENT, null);

        assertTrue(Files.readString(catalogFile()).contains("store d "), "while the non-persistent ones are open");
        assertFalse(Files.readString(catalogFile()).contains("memory"));
        assertFalse(Files.readString(catalogFile()).contains(PLAIN));
        assertEquals(List.of("d"), newMultiStore().listStores());
    }

    @Test
    void noCatalogFileMeansNoStores() {
        assertFalse(Files.exists(catalogFile()));
        assertEquals(List.of(), newMultiStore().listStores());
    }

    static Stream<Object> configValues() {
        return Stream.of(7, -1, Integer.MAX_VALUE, 5L, Long.MIN_VALUE, true, false, "", "plain", "a b  c",
                "line1\nline2", "cr\rlf\r\n", "back\\slash", "trailing\\", "\\n is not a newline", "i:3",
                "s:", "unicode ✓ ü", " leading and trailing ", "#not a comment");
    }

    @ParameterizedTest
    @MethodSource("configValues")
    void aConfigValueReadsBackWithItsType(Object value) {
        stores.createStore("s", PERSISTENT, Config.of("key", value));

        Object read = newMultiStore().storeInfo("s").config().get("key");

        assertEquals(value, read);
        assertEquals(value.getClass(), read.getClass());
    }

    @Test
    void manyStoresAndKeysReadBackExactly() {
        Catalog catalog = new Catalog(root);
        List<CatalogEntry> entries = List.of(
                new CatalogEntry("a", "file", Config.of("max_versions", 3, "sync", "always", "compression", true), true),
                new CatalogEntry("b", "remote", Config.empty(), true),
                new CatalogEntry("c", "file", Config.of("sync_interval_ms", 250L), true));

        catalog.write(entries);

        assertEquals(entries, catalog.read());
    }

    @Test
    void theCatalogIsReadableText() throws IOException {
        stores.createStore("users", PERSISTENT, Config.of("limit", 10));

        assertEquals(List.of("# skeleton-storage catalog 1", "store users persistent", "config users limit i:10"),
                Files.readAllLines(catalogFile()));
    }

    @Test
    void commentsAndBlankLinesAreSkipped() throws IOException {
        writeCatalog("# a comment", "", "   ", "store s persistent", "# config s x i:1", "config s y b:true");

        assertEquals(Config.of("y", true), newMultiStore().storeInfo("s").config());
    }

    static Stream<Arguments> corruptLines() {
        return Stream.of(
                Arguments.of("garbage", "unexpected line"),
                Arguments.of("store onlyaname", "unexpected line"),
                Arguments.of("store s persistent extra", "unexpected line"),
                Arguments.of("config nostore key i:1", "unexpected line"),
                Arguments.of("config s key", "unexpected line"),
                Arguments.of("config s key 12", "value without type"),
                Arguments.of("config s key x:1", "unknown value type"),
                Arguments.of("config s key i:abc", "bad number"),
                Arguments.of("config s key i:99999999999", "bad number"),
                Arguments.of("config s key l:1.5", "bad number"),
                Arguments.of("config s key b:maybe", "bad boolean"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corruptLines")
    void aCorruptCatalogFailsConstructionNamingFileAndLine(String badLine, String why) throws IOException {
        writeCatalog("# skeleton-storage catalog 1", "store s persistent", badLine);

        StorageException e = assertCode(ErrorCode.CORRUPTED, this::newMultiStore);

        assertTrue(e.getMessage().contains(catalogFile().toString()), e.getMessage());
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    @Test
    void anUnreadableCatalogIsIo() throws IOException {
        Files.createDirectory(catalogFile());

        StorageException e = assertCode(ErrorCode.IO, this::newMultiStore);

        assertTrue(e.getMessage().contains(catalogFile().toString()), e.getMessage());
    }

    @Test
    void whenTheCatalogCannotBeWrittenTheCreationIsUndone() throws IOException {
        Files.createDirectory(root.resolve(Catalog.FILE_NAME + ".tmp"));

        StorageException e = assertCode(ErrorCode.IO, () -> stores.createStore("s", PERSISTENT, null));

        assertTrue(e.getMessage().contains(catalogFile().toString()), e.getMessage());
        assertFalse(stores.storeExists("s"));
        assertEquals(1, persistent.destroys.get(), "the engine store was destroyed again");
        assertFalse(disk.exists(pathOf("s")));
        assertFalse(disk.isOpen(pathOf("s")), "and closed first");
        assertEquals(List.of(), listener.events());
        stores.createStore("m", MEMORY, null);
        assertTrue(stores.storeExists("m"), "non-persistent stores need no catalog");
    }

    @ParameterizedTest
    @ValueSource(strings = {"a key", "line\nbreak", "carriage\rreturn"})
    void aConfigKeyTheCatalogCannotHoldIsRefusedWithoutLeavingAnything(String key) {
        StorageException e = assertCode(ErrorCode.INVALID_CONFIG,
                () -> stores.createStore("s", PERSISTENT, Config.of(key, 1)));

        assertTrue(e.getMessage().contains("s"), e.getMessage());
        assertFalse(stores.storeExists("s"));
        assertFalse(disk.exists(pathOf("s")));
        assertEquals(List.of(), newMultiStore().listStores(), "the catalog still parses");
    }

    @Test
    void anEngineNameTheCatalogCannotHoldIsRefused() {
        stores.registerEngine(new PersistentTestEngine("two words", disk));

        assertCode(ErrorCode.INVALID_ARGUMENT, () -> stores.createStore("s", "two words", null));
        assertEquals(List.of(), newMultiStore().listStores());
    }

    static Stream<Arguments> operations() {
        return Stream.of(
                operation("createStore", s -> s.createStore("new", PERSISTENT, Config.of("v", "x\ny"))),
                operation("deleteStore", s -> s.deleteStore("b")),
                operation("getStore", s -> s.getStore("a").set(bytes("k"), bytes("v"))),
                operation("closeAll", DefaultMultiStore::closeAll),
                operation("unregisterEngine", s -> s.unregisterEngine(PERSISTENT)),
                operation("memory store", s -> s.createStore("m", MEMORY, null)));
    }

    private static Arguments operation(String name, Consumer<DefaultMultiStore> operation) {
        return Arguments.of(name, operation);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("operations")
    void afterEveryOperationTheCatalogParsesAndNoTemporaryFileIsLeft(String name,
                                                                     Consumer<DefaultMultiStore> operation)
            throws IOException {
        stores.createStore("a", PERSISTENT, Config.of("n", 1));
        stores.createStore("b", PERSISTENT, Config.of("s", "back\\slash"));

        operation.accept(stores);

        assertFalse(Files.exists(root.resolve(Catalog.FILE_NAME + ".tmp")), "no temporary file left");
        try (Stream<Path> files = Files.list(root)) {
            assertTrue(files.map(p -> p.getFileName().toString())
                    .allMatch(file -> file.equals(Catalog.FILE_NAME) || file.equals(RootLock.FILE_NAME)));
        }
        List<String> known = new Catalog(root).read().stream().map(CatalogEntry::name).toList();
        assertEquals(stores.listStores().stream().filter(n -> !n.equals("m")).toList(), known);
    }

    @Test
    void aDeletedStoreLeavesTheCatalog() {
        stores.createStore("a", PERSISTENT, null);
        stores.createStore("b", PERSISTENT, null);

        stores.deleteStore("a");

        assertEquals(List.of("b"), newMultiStore().listStores());
        assertEquals(1, listener.ofType(Type.STORE_DELETED).size());
    }
}
