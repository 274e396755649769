package dev.skeleton.storage.webconsole;

import static dev.skeleton.storage.webconsole.TestStores.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.LatencyPercentiles;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.StoreInfo;
import dev.skeleton.storage.StoreStats;
import dev.skeleton.storage.multistore.DefaultMultiStore;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleApiTest {

    @TempDir
    Path root;

    private DefaultMultiStore stores;
    private final ConsoleApi api = new ConsoleApi(new StoreFigures(() -> 42_000_000L));

    @BeforeEach
    void open() {
        stores = TestStores.open(root);
    }

    @AfterEach
    void close() {
        stores.close();
    }

    @Test
    void storesListsEnginesAndStoresWithTheirFigures() {
        stores.createStore("users", "memory", Config.empty());
        stores.createStore("plain1", PlainEngine.NAME, Config.empty());
        TestStores.fill(stores.getStore("users"), 3);
        ((dev.skeleton.storage.Versioned) stores.getStore("users")).saveVersion();

        Map<String, Object> overview = ok(Endpoint.STORES, Map.of());
        assertEquals("memory", overview.get("defaultEngine"));
        assertEquals(List.of(
                Map.of("name", "memory", "present", true, "default", true),
                Map.of("name", "plain", "present", true, "default", false)), overview.get("engines"));
        List<?> rows = (List<?>) overview.get("stores");
        assertEquals(2, rows.size());
        Map<?, ?> plain = (Map<?, ?>) rows.get(0);
        assertEquals("plain1", plain.get("name"));
        assertEquals("open", plain.get("status"));
        assertEquals(null, plain.get("versions"));
        Map<?, ?> users = (Map<?, ?>) rows.get(1);
        assertEquals("users", users.get("name"));
        assertEquals("memory", users.get("engine"));
        assertEquals(true, users.get("available"));
        assertEquals(true, users.get("open"));
        assertEquals("open", users.get("status"));
        assertEquals(3L, users.get("entries"));
        assertEquals(null, users.get("diskBytes"));
        assertEquals(1L, users.get("versions"));
    }

    @Test
    void storesShowsClosedStoresAndAbsentEnginesAndSkipsStoresDeletedMeanwhile() {
        StoreStats idle = new StoreStats("x", "file", false, Map.of(), 0, 0, Map.of(), -1, Map.of());
        Map<String, Function<Object[], Object>> answers = new HashMap<>();
        answers.put("listEngines", args -> List.of("memory"));
        answers.put("getDefaultEngine", args -> "memory");
        answers.put("listStores", args -> List.of("archive", "gone", "later"));
        answers.put("storeInfo", args -> switch ((String) args[0]) {
            case "archive" -> new StoreInfo("archive", "file", "/r/archive", false, Config.empty());
            case "later" -> new StoreInfo("later", "memory", "/r/later", true, Config.empty());
            default -> throw new StorageException(ErrorCode.STORE_NOT_FOUND, "store gone not found");
        });
        answers.put("storeStats", args -> idle);
        Map<String, Object> overview = MiniJson.object(api.answer(StubMultiStore.answering(answers), Endpoint.STORES,
                params(Map.of())).json());

        assertEquals(List.of(
                Map.of("name", "file", "present", false, "default", false),
                Map.of("name", "memory", "present", true, "default", true)), overview.get("engines"));
        List<?> rows = (List<?>) overview.get("stores");
        assertEquals(2, rows.size());
        assertEquals("engine absent", ((Map<?, ?>) rows.get(0)).get("status"));
        assertEquals(false, ((Map<?, ?>) rows.get(0)).get("available"));
        assertEquals("closed", ((Map<?, ?>) rows.get(1)).get("status"));
        assertEquals(null, ((Map<?, ?>) rows.get(1)).get("entries"));
    }

    @Test
    void storesPassesOnOtherErrors() {
        Map<String, Function<Object[], Object>> answers = new HashMap<>();
        answers.put("listEngines", args -> List.of());
        answers.put("getDefaultEngine", args -> "memory");
        answers.put("listStores", args -> List.of("broken"));
        answers.put("storeInfo", args -> {
            throw new StorageException(ErrorCode.IO, "catalog of broken unreadable");
        });
        Reply reply = api.answer(StubMultiStore.answering(answers), Endpoint.STORES, params(Map.of()));
        assertEquals(500, reply.status());
        assertEquals(Map.of("error", "IO: catalog of broken unreadable"), MiniJson.parse(reply.json()));
    }

    @Test
    void statsCountsOperationsByGroupWithTheClock() {
        stores.createStore("s", "memory", Config.empty());
        Store store = stores.getStore("s");
        store.set(utf8("a"), utf8("1"));
        store.set(utf8("b"), utf8("2"));
        store.delete(utf8("b"));
        store.get(utf8("a"));
        store.has(utf8("a"));
        Map<String, Object> stats = ok(Endpoint.STATS, Map.of("store", "s"));
        assertEquals("s", stats.get("store"));
        assertEquals(true, stats.get("available"));
        assertEquals(42L, stats.get("millis"));
        assertEquals(2L, stats.get("reads"));
        assertEquals(3L, stats.get("writes"));
        assertEquals(0L, stats.get("commits"));
        assertEquals(2L, ((Map<?, ?>) stats.get("operations")).get("set"));
        Map<?, ?> reads = (Map<?, ?>) ((Map<?, ?>) stats.get("latencies")).get("reads");
        assertEquals(List.of("samples", "p50Nanos", "p90Nanos", "p99Nanos", "p999Nanos", "maxNanos"),
                List.copyOf(reads.keySet()));
        assertEquals(0L, stats.get("versions"));
        assertEquals(1L, ((Map<?, ?>) stats.get("engineMetrics")).get("entries"));
    }

    @Test
    void statsOfAStoreWithoutVersionsOrLatencies() {
        StoreStats stats = new StoreStats("x", "e", false, Map.of("get", 5L), 1, 2,
                Map.of("reads", new LatencyPercentiles(1, 1000, 2000, 3000, 4000, 5000)), -1, Map.of());
        MultiStore stub = StubMultiStore.answering(Map.of("storeStats", args -> stats));
        Map<String, Object> model = MiniJson.object(api.answer(stub, Endpoint.STATS, params(Map.of("store", "x")))
                .json());
        assertEquals(null, model.get("versions"));
        assertEquals(5L, model.get("reads"));
        assertEquals(3000L, ((Map<?, ?>) ((Map<?, ?>) model.get("latencies")).get("reads")).get("p99Nanos"));
        assertEquals(0L, ((Map<?, ?>) ((Map<?, ?>) model.get("latencies")).get("writes")).get("samples"));
    }

    @Test
    void keysPagesWithCursorAndHex() {
        stores.createStore("s", "memory", Config.empty());
        TestStores.fill(stores.getStore("s"), 120);
        Map<String, Object> first = ok(Endpoint.KEYS, Map.of("store", "s"));
        assertEquals(50L, first.get("count"));
        assertEquals(50L, first.get("limit"));
        assertEquals(true, first.get("more"));
        assertEquals(false, first.get("hex"));
        assertEquals(ByteText.hex(utf8("key00049")), first.get("next"));
        Map<?, ?> row = (Map<?, ?>) ((List<?>) first.get("keys")).get(0);
        assertEquals(Map.of("key", "key00000", "value", "value-0", "valueBytes", 7L, "cut", false), row);

        Map<String, Object> last = ok(Endpoint.KEYS, Map.of("store", "s", "after", (String) first.get("next"),
                "limit", "100"));
        assertEquals(70L, last.get("count"));
        assertEquals(false, last.get("more"));
        assertEquals(null, last.get("next"));

        Map<String, Object> hex = ok(Endpoint.KEYS, Map.of("store", "s", "hex", "true",
                "prefix", ByteText.hex(utf8("key0011")), "limit", "3"));
        assertEquals(Map.of("key", ByteText.hex(utf8("key00110")), "value", ByteText.hex(utf8("value-110")),
                "valueBytes", 9L, "cut", false), ((List<?>) hex.get("keys")).get(0));
        assertEquals(true, hex.get("more"));

        Map<String, Object> ranged = ok(Endpoint.KEYS, Map.of("store", "s", "start", "key00010", "end", "key00012"));
        assertEquals(2L, ranged.get("count"));
    }

    @Test
    void keysRefusesBadParameters() {
        stores.createStore("s", "memory", Config.empty());
        assertError(400, "INVALID_ARGUMENT: the parameter \"store\" is missing", Endpoint.KEYS, Map.of());
        assertError(400, "INVALID_ARGUMENT: the parameter \"limit\" must be a whole number from 1 to 1000, was \"0\"",
                Endpoint.KEYS, Map.of("store", "s", "limit", "0"));
        assertError(400, "INVALID_ARGUMENT: bad hex for after: \"zz\" (expected pairs of the hex digits 0-9, a-f)",
                Endpoint.KEYS, Map.of("store", "s", "after", "zz"));
        assertError(400, "INVALID_ARGUMENT: bad hex for the prefix: \"k\" (expected pairs of the hex digits 0-9, a-f)",
                Endpoint.KEYS, Map.of("store", "s", "prefix", "k", "hex", "true"));
        Reply unknown = api.answer(stores, Endpoint.KEYS, params(Map.of("store", "nope")));
        assertEquals(404, unknown.status());
        assertTrue(((String) MiniJson.object(unknown.json()).get("error")).startsWith("STORE_NOT_FOUND: "));
    }

    @Test
    void versionsAreListedSavedAndLoaded() {
        stores.createStore("s", "memory", Config.empty());
        Store store = stores.getStore("s");
        store.set(utf8("k"), utf8("one"));
        Map<String, Object> empty = ok(Endpoint.VERSIONS, Map.of("store", "s"));
        assertEquals(Map.of("store", "s", "versioned", true, "current", 0L, "versions", List.of()), empty);

        Map<String, Object> saved = ok(Endpoint.SAVE, Map.of("store", "s"));
        assertEquals(1L, saved.get("version"));
        assertEquals(64, ((String) saved.get("hash")).length());
        assertEquals("version 1 of store s saved", saved.get("message"));
        store.set(utf8("k"), utf8("two"));
        ok(Endpoint.SAVE, Map.of("store", "s"));

        Map<String, Object> loaded = ok(Endpoint.LOAD, Map.of("store", "s", "version", "1"));
        assertEquals("store s loaded from version 1", loaded.get("message"));
        assertEquals("one", new String(store.get(utf8("k")), java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(List.of(Map.of("version", 1L, "current", true), Map.of("version", 2L, "current", false)),
                ok(Endpoint.VERSIONS, Map.of("store", "s")).get("versions"));

        assertError(404, null, Endpoint.LOAD, Map.of("store", "s", "version", "9"));
        assertError(400, "INVALID_ARGUMENT: the parameter \"version\" is missing", Endpoint.LOAD, Map.of("store", "s"));
        assertError(400, "INVALID_ARGUMENT: the parameter \"version\" must be a whole number from 1 to "
                + Long.MAX_VALUE + ", was \"0\"", Endpoint.LOAD, Map.of("store", "s", "version", "0"));
    }

    @Test
    void storesWithoutVersionsListNoneAndRefuseSaving() {
        stores.createStore("p", PlainEngine.NAME, Config.empty());
        assertEquals(Map.of("store", "p", "versioned", false, "current", 0L, "versions", List.of()),
                ok(Endpoint.VERSIONS, Map.of("store", "p")));
        assertError(400, "UNSUPPORTED: store p has no versions: its engine plain does not keep any",
                Endpoint.SAVE, Map.of("store", "p"));
        assertError(400, "UNSUPPORTED: store p has no versions: its engine plain does not keep any",
                Endpoint.LOAD, Map.of("store", "p", "version", "1"));
    }

    @Test
    void createAndDelete() {
        Map<String, Object> created = ok(Endpoint.CREATE, Map.of("name", "fresh"));
        assertEquals(Map.of("store", "fresh", "engine", "memory", "message", "store fresh created on engine memory"),
                created);
        assertTrue(stores.storeExists("fresh"));
        assertEquals("plain", ok(Endpoint.CREATE, Map.of("name", "p", "engine", "plain")).get("engine"));

        assertError(409, null, Endpoint.CREATE, Map.of("name", "fresh"));
        assertError(404, null, Endpoint.CREATE, Map.of("name", "x", "engine", "nosuch"));
        assertError(400, null, Endpoint.CREATE, Map.of("name", "../etc"));
        assertError(400, "INVALID_ARGUMENT: the parameter \"name\" is missing", Endpoint.CREATE, Map.of());

        assertEquals(Map.of("store", "fresh", "message", "store fresh deleted"),
                ok(Endpoint.DELETE, Map.of("store", "fresh")));
        assertFalse(stores.storeExists("fresh"));
        assertError(404, null, Endpoint.DELETE, Map.of("store", "fresh"));
    }

    @Test
    void withoutAMultistoreEveryEndpointIsUnavailable() {
        Reply reply = api.answer(null, Endpoint.STORES, params(Map.of()));
        assertEquals(503, reply.status());
        assertEquals(Map.of("error", "UNAVAILABLE: the multistore is not running"), MiniJson.parse(reply.json()));
    }

    @Test
    void thePageIsNoJsonEndpoint() {
        assertThrows(IllegalArgumentException.class, () -> api.answer(stores, Endpoint.PAGE, params(Map.of())));
    }

    private Map<String, Object> ok(Endpoint endpoint, Map<String, String> values) {
        Reply reply = api.answer(stores, endpoint, params(values));
        assertEquals(200, reply.status(), reply.json());
        return MiniJson.object(reply.json());
    }

    private void assertError(int status, String error, Endpoint endpoint, Map<String, String> values) {
        Reply reply = api.answer(stores, endpoint, params(values));
        assertEquals(status, reply.status(), reply.json());
        Object text = MiniJson.object(reply.json()).get("error");
        if (error != null) {
            assertEquals(error, text);
        }
    }

    private static RequestParams params(Map<String, String> values) {
        return new RequestParams(values::get);
    }
}
