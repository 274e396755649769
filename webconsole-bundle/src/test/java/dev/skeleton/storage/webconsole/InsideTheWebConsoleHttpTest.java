package dev.skeleton.storage.webconsole;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.multistore.DefaultMultiStore;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin inside an imitation of the Web Console ({@link ConsoleImitation}) at
 * {@code /system/console}: the same URLs answer the same way when the console wraps the page,
 * serves the files through {@code getResource}, and passes the rest through.
 */
class InsideTheWebConsoleHttpTest {

    private static final String ROOT = "/system/console/storage";

    @TempDir
    Path root;

    private DefaultMultiStore stores;
    private StorageConsolePlugin plugin;
    private PluginServer server;

    @BeforeEach
    void start() throws Exception {
        stores = TestStores.open(root);
        plugin = new StorageConsolePlugin();
        plugin.bindMultiStore(stores);
        server = PluginServer.start(new ConsoleImitation(plugin, StorageConsolePlugin.LABEL), "/system/console/*");
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        stores.close();
    }

    @Test
    void thePageGoesIntoTheConsolesTemplate() throws Exception {
        HttpResponse<String> page = server.get(ROOT);
        assertEquals(200, page.statusCode());
        String html = page.body();
        assertTrue(html.startsWith(ConsoleImitation.HEADER), html);
        assertTrue(html.strip().endsWith(ConsoleImitation.FOOTER), html);
        assertTrue(html.contains("data-root=\"" + ROOT + "\""));
        for (String id : StorageConsolePluginHttpTest.CONTRACT_IDS) {
            assertTrue(html.contains("id=\"" + id + "\""), id);
        }
    }

    @Test
    void theConsoleServesTheFilesThroughGetResource() throws Exception {
        HttpResponse<String> script = server.get(ROOT + "/res/storage.js");
        assertEquals(200, script.statusCode());
        try (InputStream in = StorageConsolePlugin.class.getResourceAsStream("res/storage.js")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), script.body());
        }
        assertFalse(script.body().contains(ConsoleImitation.HEADER));
    }

    @Test
    void jsonAndPostsPassThroughUnwrapped() throws Exception {
        HttpResponse<String> created = server.post(ROOT + "/create", Map.of("name", "inside"), "1");
        assertEquals(200, created.statusCode(), created.body());
        HttpResponse<String> listed = server.get(ROOT + "/stores.json");
        assertEquals(200, listed.statusCode());
        List<?> rows = (List<?>) MiniJson.object(listed.body()).get("stores");
        assertEquals("inside", ((Map<?, ?>) rows.get(0)).get("name"));
        assertEquals(403, server.post(ROOT + "/delete", Map.of("store", "inside"), null).statusCode());
        assertTrue(stores.storeExists("inside"));
    }

    @Test
    void aGetOfAChangingActionIsRefusedInsideThePageAndChangesNothing() throws Exception {
        stores.createStore("kept", "memory", Config.empty());
        HttpResponse<String> refused = server.get(ROOT + "/delete?store=kept");
        assertEquals(405, refused.statusCode());
        assertTrue(refused.body().startsWith(ConsoleImitation.HEADER));
        assertTrue(refused.body().contains("METHOD_NOT_ALLOWED: delete changes the storage and takes POST only"));
        assertTrue(stores.storeExists("kept"));
    }

    @Test
    void otherPluginsAreNotReached() throws Exception {
        assertEquals(404, server.get("/system/console/bundles").statusCode());
    }
}
