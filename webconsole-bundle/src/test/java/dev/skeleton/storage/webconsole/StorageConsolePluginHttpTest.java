package dev.skeleton.storage.webconsole;

import static dev.skeleton.storage.webconsole.TestStores.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Versioned;
import dev.skeleton.storage.multistore.DefaultMultiStore;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The plugin in a real servlet container, on its own (mapped at its root), over real HTTP.
 */
class StorageConsolePluginHttpTest {

    private static final String ROOT = "/system/console/storage";
    /** Every element id of the page's contract with its browser tests. */
    static final List<String> CONTRACT_IDS = List.of("storage-engines", "storage-stores", "storage-create-name",
            "storage-create-engine", "storage-create-submit", "storage-browse-store", "storage-browse-prefix",
            "storage-browse-start", "storage-browse-end", "storage-browse-hex", "storage-browse-limit",
            "storage-browse-go", "storage-keys", "storage-keys-next", "storage-keys-count", "storage-versions",
            "storage-save-version", "storage-chart-rates", "storage-chart-latency", "storage-message");

    private static final StorageConsolePlugin PLUGIN = new StorageConsolePlugin();
    private static PluginServer server;

    @TempDir
    Path root;

    private DefaultMultiStore stores;

    @BeforeAll
    static void startServer() throws Exception {
        server = PluginServer.start(PLUGIN, ROOT + "/*");
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @BeforeEach
    void bind() {
        stores = TestStores.open(root);
        PLUGIN.bindMultiStore(stores);
    }

    @AfterEach
    void unbind() {
        PLUGIN.unbindMultiStore(stores);
        stores.close();
    }

    @Test
    void thePageHasEveryElementOfItsContract() throws Exception {
        HttpResponse<String> page = server.get(ROOT);
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        String html = page.body();
        for (String id : CONTRACT_IDS) {
            assertTrue(html.contains("id=\"" + id + "\""), id + " missing from the page");
        }
        assertTrue(html.contains("data-root=\"" + ROOT + "\""));
        assertTrue(html.contains("<script src=\"" + ROOT + "/res/storage.js\"></script>"));
        assertTrue(html.contains("<link rel=\"stylesheet\" href=\"" + ROOT + "/res/storage.css\">"));
        assertTrue(html.contains("id=\"storage-browse-limit\" type=\"number\" min=\"1\" max=\"1000\" value=\"50\""));
        assertTrue(html.contains("<canvas id=\"storage-chart-rates\""));
        assertTrue(html.contains("<button id=\"storage-create-submit\" type=\"submit\""));
        assertTrue(html.contains("<button id=\"storage-browse-go\" type=\"submit\""));
        assertFalse(html.contains("${"), "the console's filter would eat a dollar brace");
        assertEquals(4, html.split("<table ").length - 1);
        assertEquals(4, html.split("class=\"tablesorter nicetable noauto ui-widget\"").length - 1,
                "the console's tablesorter must stay off the tables the script rebuilds");
        assertFalse(html.contains(ConsolePage.ROOT_MARK));
        assertEquals(200, server.get(ROOT + "/").statusCode());
    }

    @Test
    void theScriptAndStyleSheetAreServed() throws Exception {
        HttpResponse<String> script = server.get(ROOT + "/res/storage.js");
        assertEquals(200, script.statusCode());
        assertEquals("application/javascript;charset=utf-8",
                script.headers().firstValue("Content-Type").orElse("").toLowerCase().replace(" ", ""));
        String js = script.body();
        assertTrue(js.contains("'X-Skeleton-Storage'"));
        for (String id : CONTRACT_IDS) {
            if (!id.equals("storage-create-submit") && !id.equals("storage-browse-go")) {
                assertTrue(js.contains("'" + id + "'"), id + " unused by the script");
            }
        }
        // The two submit buttons act through their forms' submit events.
        assertTrue(js.contains("byId('storage-create').addEventListener('submit'"));
        assertTrue(js.contains("byId('storage-browse').addEventListener('submit'"));
        for (String contract : List.of("'storage-key'", "'key'", "'value'", "'storage-delete'", "'storage-load'",
                "'data-drawn', 'true'", "' keys shown'", "row.setAttribute('data-store'",
                "row.setAttribute('data-version'", "window.confirm(", "textContent")) {
            assertTrue(js.contains(contract), contract + " missing from the script");
        }
        assertFalse(js.contains("innerHTML"), "storage data must reach the page as text only");
        HttpResponse<String> css = server.get(ROOT + "/res/storage.css");
        assertEquals(200, css.statusCode());
        assertTrue(css.headers().firstValue("Content-Type").orElse("").startsWith("text/css"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/res/page.html", "/res/nothing.js", "/res/", "/res/Storage.js"})
    void noOtherFileIsServed(String path) throws Exception {
        HttpResponse<String> response = server.get(ROOT + path);
        assertEquals(404, response.statusCode());
        assertTrue(MiniJson.object(response.body()).get("error").toString().startsWith("NOT_FOUND: "));
    }

    @Test
    void storesJsonIsJsonThatNoBrowserSniffsOrCaches() throws Exception {
        stores.createStore("users", "memory", Config.empty());
        HttpResponse<String> response = server.get(ROOT + "/stores.json");
        assertEquals(200, response.statusCode());
        assertEquals("application/json;charset=utf-8",
                response.headers().firstValue("Content-Type").orElse("").toLowerCase().replace(" ", ""));
        assertEquals("nosniff", response.headers().firstValue("X-Content-Type-Options").orElse(""));
        assertEquals("no-store", response.headers().firstValue("Cache-Control").orElse(""));
        Map<String, Object> overview = MiniJson.object(response.body());
        assertEquals("users", ((Map<?, ?>) ((List<?>) overview.get("stores")).get(0)).get("name"));
    }

    @Test
    void createAndDeleteWithTheHeader() throws Exception {
        HttpResponse<String> created = server.post(ROOT + "/create", Map.of("name", "fresh", "engine", ""), "1");
        assertEquals(200, created.statusCode(), created.body());
        assertEquals("store fresh created on engine memory", MiniJson.object(created.body()).get("message"));
        assertTrue(stores.storeExists("fresh"));

        HttpResponse<String> again = server.post(ROOT + "/create", Map.of("name", "fresh"), "1");
        assertEquals(409, again.statusCode());
        assertTrue(MiniJson.object(again.body()).get("error").toString().startsWith("STORE_EXISTS: "));

        HttpResponse<String> deleted = server.post(ROOT + "/delete", Map.of("store", "fresh"), "1");
        assertEquals(200, deleted.statusCode(), deleted.body());
        assertFalse(stores.storeExists("fresh"));
        HttpResponse<String> gone = server.post(ROOT + "/delete", Map.of("store", "fresh"), "1");
        assertEquals(404, gone.statusCode());
        assertTrue(MiniJson.object(gone.body()).get("error").toString().startsWith("STORE_NOT_FOUND: "));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "0", "yes"})
    void aPostWithoutTheRightHeaderIsForbiddenAndChangesNothing(String header) throws Exception {
        stores.createStore("kept", "memory", Config.empty());
        String sent = header.isEmpty() ? null : header;
        for (Map.Entry<String, Map<String, String>> action : changingActions().entrySet()) {
            HttpResponse<String> refused = server.post(ROOT + "/" + action.getKey(), action.getValue(), sent);
            assertEquals(403, refused.statusCode(), action.getKey());
            assertTrue(MiniJson.object(refused.body()).get("error").toString()
                    .startsWith("FORBIDDEN: " + action.getKey() + " needs the header X-Skeleton-Storage: 1"));
        }
        assertUnchanged();
    }

    @Test
    void aGetOfAChangingActionIsNotAllowedAndChangesNothing() throws Exception {
        stores.createStore("kept", "memory", Config.empty());
        for (Map.Entry<String, Map<String, String>> action : changingActions().entrySet()) {
            HttpResponse<String> refused = server.get(ROOT + "/" + action.getKey()
                    + PluginServer.query(action.getValue()));
            assertEquals(405, refused.statusCode(), action.getKey());
            assertEquals("POST", refused.headers().firstValue("Allow").orElse(""));
            assertTrue(refused.body().contains("METHOD_NOT_ALLOWED: " + action.getKey()
                    + " changes the storage and takes POST only"), refused.body());
        }
        assertUnchanged();
    }

    @Test
    void aPostOfAReadingEndpointIsNotAllowed() throws Exception {
        HttpResponse<String> refused = server.post(ROOT + "/stores.json", Map.of(), "1");
        assertEquals(405, refused.statusCode());
        assertEquals("GET", refused.headers().firstValue("Allow").orElse(""));
        assertEquals(405, server.post(ROOT, Map.of(), "1").statusCode());
    }

    @Test
    void versionsAreSavedListedAndLoaded() throws Exception {
        stores.createStore("v", "memory", Config.empty());
        Store store = stores.getStore("v");
        store.set(utf8("k"), utf8("first"));
        assertEquals(200, server.post(ROOT + "/save", Map.of("store", "v"), "1").statusCode());
        store.set(utf8("k"), utf8("second"));
        HttpResponse<String> saved = server.post(ROOT + "/save", Map.of("store", "v"), "1");
        assertEquals(2L, MiniJson.object(saved.body()).get("version"));

        HttpResponse<String> loaded = server.post(ROOT + "/load", Map.of("store", "v", "version", "1"), "1");
        assertEquals(200, loaded.statusCode(), loaded.body());
        assertEquals("first", new String(store.get(utf8("k")), StandardCharsets.UTF_8));
        Map<String, Object> versions = MiniJson.object(server.get(ROOT + "/versions.json?store=v").body());
        assertEquals(1L, versions.get("current"));
        assertEquals(2, ((List<?>) versions.get("versions")).size());

        HttpResponse<String> missing = server.post(ROOT + "/load", Map.of("store", "v", "version", "7"), "1");
        assertEquals(404, missing.statusCode());
        assertTrue(MiniJson.object(missing.body()).get("error").toString().startsWith("VERSION_NOT_FOUND: "));
    }

    @Test
    void keysArePagedOverHttpWithoutGapOrOverlap() throws Exception {
        stores.createStore("big", "memory", Config.empty());
        TestStores.fill(stores.getStore("big"), 2000);
        List<String> seen = new ArrayList<>();
        String after = "";
        int requests = 0;
        while (true) {
            HttpResponse<String> response = server.get(ROOT + "/keys.json"
                    + PluginServer.query(Map.of("store", "big", "after", after, "limit", "50")));
            requests++;
            assertEquals(200, response.statusCode(), response.body());
            Map<String, Object> page = MiniJson.object(response.body());
            for (Object row : (List<?>) page.get("keys")) {
                seen.add((String) ((Map<?, ?>) row).get("key"));
            }
            if (!(Boolean) page.get("more")) {
                break;
            }
            after = (String) page.get("next");
        }
        assertEquals(40, requests);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            expected.add(TestStores.key(i));
        }
        assertEquals(expected, seen);
    }

    @Test
    void markupAndNonAsciiTravelAsText() throws Exception {
        stores.createStore("x", "memory", Config.empty());
        String script = "<script>alert(1)</script>";
        stores.getStore("x").set(utf8("ключ \"q\" \\ " + script), utf8(script + "\u0001"));
        stores.getStore("x").set(utf8("ключ2"), utf8("é\n中"));
        HttpResponse<String> response = server.get(ROOT + "/keys.json"
                + PluginServer.query(Map.of("store", "x", "prefix", "ключ")));
        assertFalse(response.body().contains("<script>"), response.body());
        List<?> keys = (List<?>) MiniJson.object(response.body()).get("keys");
        assertEquals("ключ \"q\" \\ " + script, ((Map<?, ?>) keys.get(0)).get("key"));
        assertEquals("hex:" + ByteText.hex(utf8(script + "\u0001")), ((Map<?, ?>) keys.get(0)).get("value"));
        assertEquals("é\n中", ((Map<?, ?>) keys.get(1)).get("value"));
    }

    @Test
    void statsJsonFeedsTheCharts() throws Exception {
        stores.createStore("s", "memory", Config.empty());
        stores.getStore("s").set(utf8("a"), utf8("b"));
        Map<String, Object> stats = MiniJson.object(server.get(ROOT + "/stats.json?store=s").body());
        assertEquals(1L, stats.get("writes"));
        assertTrue((Long) stats.get("millis") > 0);
        assertNotNull(((Map<?, ?>) stats.get("latencies")).get("writes"));
        assertEquals(404, server.get(ROOT + "/stats.json?store=none").statusCode());
        assertEquals(400, server.get(ROOT + "/stats.json").statusCode());
    }

    @Test
    void unknownPathsAreNotFound() throws Exception {
        HttpResponse<String> json = server.get(ROOT + "/nothing.json");
        assertEquals(404, json.statusCode());
        assertEquals("NOT_FOUND: the Storage page has nothing at \"nothing.json\"",
                MiniJson.object(json.body()).get("error"));
        HttpResponse<String> html = server.get(ROOT + "/nothing");
        assertEquals(404, html.statusCode());
        assertTrue(html.body().contains("NOT_FOUND: the Storage page has nothing at &quot;nothing&quot;"), html.body());
        assertEquals(404, server.post(ROOT + "/nothing", Map.of(), "1").statusCode());
    }

    @Test
    void withoutAMultistoreThePageStaysAndTheEndpointsAreUnavailable() throws Exception {
        PLUGIN.unbindMultiStore(stores);
        assertEquals(200, server.get(ROOT).statusCode());
        HttpResponse<String> response = server.get(ROOT + "/stores.json");
        assertEquals(503, response.statusCode());
        assertEquals("UNAVAILABLE: the multistore is not running", MiniJson.object(response.body()).get("error"));
    }

    @Test
    void anUnbindOfAnotherMultistoreKeepsTheBoundOne() throws Exception {
        MultiStore other = StubMultiStore.answering(Map.of());
        PLUGIN.unbindMultiStore(other);
        assertEquals(200, server.get(ROOT + "/stores.json").statusCode());
    }

    @Test
    void aBugIsAnInternalErrorWithoutAStackTrace() throws Exception {
        MultiStore broken = StubMultiStore.answering(Map.of("listEngines", args -> {
            throw new IllegalStateException("boom");
        }));
        PLUGIN.bindMultiStore(broken);
        try {
            HttpResponse<String> response = server.get(ROOT + "/stores.json");
            assertEquals(500, response.statusCode());
            assertEquals("INTERNAL: java.lang.IllegalStateException: boom",
                    MiniJson.object(response.body()).get("error"));
            HttpResponse<String> posted = server.post(ROOT + "/create", Map.of("name", "x"), "1");
            assertEquals(500, posted.statusCode());
            assertTrue(MiniJson.object(posted.body()).get("error").toString().startsWith("INTERNAL: "));
        } finally {
            PLUGIN.bindMultiStore(stores);
        }
    }

    @Test
    void theWebConsoleFindsOnlyThePagesFiles() {
        assertNotNull(PLUGIN.getResource("/storage/res/storage.js"));
        assertNotNull(PLUGIN.getResource("/storage/res/storage.css"));
        assertNull(PLUGIN.getResource("/storage/res/page.html"));
        assertNull(PLUGIN.getResource("/storage/res/../page.html"));
        assertNull(PLUGIN.getResource("/storage"));
        assertNull(PLUGIN.getResource("/storage/stores.json"));
        assertNull(PLUGIN.getResource("/other/res/storage.js"));
        assertNull(PLUGIN.getResource(null));
    }

    private void assertUnchanged() {
        assertEquals(List.of("kept"), stores.listStores());
        assertEquals(0, ((Versioned) stores.getStore("kept")).listVersions().length);
        assertFalse(stores.storeExists("made"));
    }

    private static Map<String, Map<String, String>> changingActions() {
        Map<String, Map<String, String>> actions = new LinkedHashMap<>();
        actions.put("create", Map.of("name", "made"));
        actions.put("delete", Map.of("store", "kept"));
        actions.put("save", Map.of("store", "kept"));
        actions.put("load", Map.of("store", "kept", "version", "1"));
        return actions;
    }
}
