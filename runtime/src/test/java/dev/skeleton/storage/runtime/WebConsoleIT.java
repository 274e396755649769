package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console of a running platform ({@code skeleton.jar --web <port>}) over plain HTTP: it
 * listens on 127.0.0.1 only, or on the interface {@code --web-host} names; the password made at
 * the first start, every page behind it (401 without it, and with the console's
 * old default {@code admin}/{@code admin}), the bundles running (the web stack instead of the
 * Servlet API stand-ins), the health checks' page with the storage checks, the storage page, a
 * change refused without the password, and a password changed by editing its file. What a
 * browser does with the pages is {@link WebConsoleBrowserIT}'s.
 */
@Timeout(300)
class WebConsoleIT {

    private static final List<String> PAGES = List.of("/system/console", "/system/console/bundles",
            "/system/console/storage", "/system/console/healthcheck", "/system/console/configMgr",
            "/system/console/bundles.json", "/system/console/storage/overview.json");

    @TempDir
    Path work;

    @Test
    void everyPageNeedsThePasswordMadeAtTheFirstStart() throws Exception {
        try (WebConsoleProcess web = WebConsoleProcess.start(work)) {
            Path file = work.resolve("etc").resolve(WebCredentials.FILE);
            String[] credentials = web.credentials();
            assertEquals("admin", credentials[0]);
            assertTrue(credentials[1].matches("[A-Za-z0-9]{24}"), credentials[1]);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertTrue(web.process().out().contains("  web:     " + web.url("/system/console/storage")
                    + "  (user admin, new random password in " + file + ")"), web.process().out());

            for (String page : PAGES) {
                HttpResponse<String> anonymous = web.request("GET", page, null, null, null);
                assertEquals(401, anonymous.statusCode(), page);
                assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"), page);
                assertEquals(401, web.request("GET", page, "admin", "admin", null).statusCode(), "admin/admin: " + page);
                assertEquals(401, web.request("GET", page, "admin", credentials[1] + "x", null).statusCode(), page);
            }
            assertFalse(web.process().err().contains("Legacy webconsole plugin"), web.process().err());
            assertRefused("127.0.0.2", web.port(), "listening on 127.0.0.1 only");
        }
    }

    @Test
    void withWebHostTheConsoleListensOnThatInterfaceOnly() throws Exception {
        try (WebConsoleProcess web = WebConsoleProcess.start(work, "127.0.0.2")) {
            assertTrue(web.process().out().contains("  web:     http://127.0.0.2:" + web.port() + "/system/console/storage"),
                    web.process().out());
            assertEquals(401, web.request("GET", "/system/console", null, null, null).statusCode());
            assertEquals(200, web.get("/system/console/bundles.json").statusCode());
            assertRefused("127.0.0.1", web.port(), "not on the default interface");
        }
    }

    private static void assertRefused(String host, int port, String why) {
        assertThrows(ConnectException.class, () -> new Socket(host, port).close(), why);
    }

    @Test
    void withThePasswordTheConsoleShowsTheBundlesTheHealthChecksAndTheStoragePage() throws Exception {
        try (WebConsoleProcess web = WebConsoleProcess.start(work)) {
            HttpResponse<String> bundles = web.get("/system/console/bundles.json");
            assertEquals(200, bundles.statusCode(), bundles.body());
            for (String running : List.of("org.apache.felix.http.jetty", "org.apache.felix.http.servlet-api",
                    "org.apache.felix.webconsole", "org.apache.felix.inventory", "org.owasp.encoder",
                    "org.apache.felix.healthcheck.webconsoleplugin", "org.apache.felix.healthcheck.core",
                    "dev.skeleton.storage.webconsole", "dev.skeleton.storage.multistore")) {
                assertTrue(bundles.body().matches("(?s).*\"state\":\"Active\",\"version\":\"[^\"]*\",\"symbolicName\":\""
                        + Pattern.quote(running) + "\".*"), running + " active in " + bundles.body());
            }
            for (String standIn : List.of(WebConsole.JAKARTA_SERVLET_API, WebConsole.SERVLET_WHITEBOARD_API)) {
                assertFalse(bundles.body().contains("\"symbolicName\":\"" + standIn + "\""), standIn);
            }

            HttpResponse<String> health = web.get("/system/console/healthcheck?tags=storage");
            assertEquals(200, health.statusCode());
            for (String check : List.of("Storage: stores available", "Storage: engines present", "Storage: free disk space")) {
                assertTrue(health.body().contains(check), check + " in\n" + health.body());
            }

            HttpResponse<String> storage = web.get("/system/console/storage");
            assertEquals(200, storage.statusCode());
            assertTrue(storage.body().contains("id=\"storage-engines\"") && storage.body().contains("id=\"storage-stores\""),
                    storage.body());
        }
    }

    @Test
    void aChangeWithoutThePasswordIsRefusedAndChangesNothing() throws Exception {
        try (WebConsoleProcess web = WebConsoleProcess.start(work)) {
            HttpResponse<String> refused = web.request("POST", "/system/console/storage/create", null, null,
                    "name=intruder&engine=memory");
            assertEquals(401, refused.statusCode(), refused.body());
            assertFalse(web.shell("store:stores").contains("intruder"), "no store made");

            // The same request with the password does make the store: the refusal was the password's.
            String[] credentials = web.credentials();
            HttpResponse<String> accepted = web.request("POST", "/system/console/storage/create", credentials[0],
                    credentials[1], "name=invited&engine=memory");
            assertEquals(200, accepted.statusCode(), accepted.body());
            assertTrue(web.shell("store:stores").contains("invited"), "store made");
        }
    }

    @Test
    void thePasswordFileIsKeptAndAnEditedOneChangesThePasswordAtTheNextStart() throws Exception {
        String first;
        try (WebConsoleProcess web = WebConsoleProcess.start(work)) {
            first = web.credentials()[1];
        }
        Path file = work.resolve("etc").resolve(WebCredentials.FILE);
        try (WebConsoleProcess web = WebConsoleProcess.start(work)) {
            assertEquals(first, web.credentials()[1], "the same file");
            assertTrue(web.process().out().contains("(user admin, password in " + file + ")"), web.process().out());
            assertEquals(200, web.request("GET", "/system/console/bundles.json", "admin", first, null).statusCode());
        }

        Files.writeString(file, "user=operator\npassword=correct horse battery\n");
        try (WebConsoleProcess web = WebConsoleProcess.start(work)) {
            assertEquals(401, web.request("GET", "/system/console/bundles.json", "admin", first, null).statusCode());
            assertEquals(200, web.request("GET", "/system/console/bundles.json", "operator", "correct horse battery", null)
                    .statusCode());
            assertTrue(web.process().out().contains("(user operator, password in " + file + ")"), web.process().out());
        }
    }
}
