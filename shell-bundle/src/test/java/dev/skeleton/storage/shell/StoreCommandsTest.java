package dev.skeleton.storage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every command through a real Gogo session, on the success paths. */
class StoreCommandsTest extends ShellTestBase {

    private static final Pattern SAVED =
            Pattern.compile("saved version (\\d+) of store (\\S+), hash ([0-9a-f]{64})");

    @Test
    void enginesListsEachEngineWithDefaultAndCapabilities() {
        assertEquals("""
                memory  (default)  transactions, versioning, range queries
                plain              persistence""", shell.print("store:engines"));
    }

    @Test
    void enginesSaysWhenTheDefaultEngineIsNotRegistered() {
        stores.unregisterEngine("memory");
        assertEquals("""
                plain  persistence
                default engine memory is not registered""", shell.print("store:engines"));
        stores.unregisterEngine(PlainEngine.NAME);
        assertEquals("default engine memory is not registered", shell.print("store:engines"));
    }

    @Test
    void storesListsNameEngineAndAvailability() {
        assertEquals("(no stores)", shell.print("store:stores"));
        shell.run("store:create users");
        shell.run("store:create p plain");
        assertEquals("""
                p      plain   available
                users  memory  available""", shell.print("store:stores"));
        stores.unregisterEngine(PlainEngine.NAME);
        assertEquals("""
                p      plain   unavailable (engine absent)
                users  memory  available""", shell.print("store:stores"));
    }

    @Test
    void createUsesTheDefaultEngineOrTheOneGiven() {
        assertEquals("created store users (engine memory)", shell.print("store:create users"));
        assertEquals("created store p (engine plain)", shell.print("store:create p plain"));
        assertEquals("memory", stores.storeInfo("users").engine());
        assertEquals("plain", stores.storeInfo("p").engine());
    }

    @Test
    void createPassesEngineConfigAsKeyValuePairs() {
        shell.run("store:create small memory max_size=10 max_versions=3");
        assertEquals(Config.of("max_size", "10", "max_versions", "3"), stores.storeInfo("small").config());
        assertEquals("created store tiny (engine memory)", shell.print("store:create tiny max_size=4"));
        assertEquals(Config.of("max_size", "4"), stores.storeInfo("tiny").config());
    }

    @Test
    void infoShowsWhatTheMultistoreKnows() {
        shell.run("store:create users memory max_versions=7");
        assertEquals("store:         users\n"
                + "engine:        memory\n"
                + "available:     available\n"
                + "path:          " + root.resolve("users") + "\n"
                + "config:        max_versions=7\n"
                + "capabilities:  transactions, versioning, range queries", shell.print("store:info users"));
    }

    @Test
    void infoOfAStoreWhoseEngineIsAbsentHasNoCapabilities() {
        shell.run("store:create p plain");
        stores.unregisterEngine(PlainEngine.NAME);
        assertEquals("store:      p\n"
                + "engine:     plain\n"
                + "available:  unavailable (engine absent)\n"
                + "path:       " + root.resolve("p") + "\n"
                + "config:     (none)", shell.print("store:info p"));
    }

    @Test
    void deleteRemovesTheStore() {
        shell.run("store:create users");
        assertEquals("deleted store users", shell.print("store:delete users"));
        assertEquals("(no stores)", shell.print("store:stores"));
    }

    @Test
    void setGetHasDelInText() {
        shell.run("store:create users");
        assertNull(shell.run("store:set users alice admin"));
        assertEquals("admin", shell.print("store:get users alice"));
        assertEquals(true, shell.run("store:has users alice"));
        assertEquals("true", shell.print("store:has users alice"));
        assertNull(shell.run("store:del users alice"));
        assertEquals(false, shell.run("store:has users alice"));
        assertNull(shell.run("store:del users alice"), "deleting a missing key is no error");
        assertEquals("", shell.console(), "commands print nothing themselves");
    }

    @Test
    void textIsUtf8AndArgumentsStayAsTyped() {
        shell.run("store:create users");
        shell.run("store:set users 'greeting here' 'hello world'");
        shell.run("store:set users ключ значение");
        shell.run("store:set users 007 1.50");
        shell.run("store:set users empty ''");
        assertEquals("hello world", shell.print("store:get users 'greeting here'"));
        assertEquals("значение", shell.print("store:get users ключ"));
        assertEquals("1.50", shell.print("store:get users 007"), "Gogo must not read 007 as a number");
        assertEquals("", shell.print("store:get users empty"));
        assertEquals("значение", new String(stores.getStore("users").get("ключ".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8));
    }

    @Test
    void hexModeReadsAndWritesHex() {
        shell.run("store:create bin");
        shell.run("store:set -x bin 00ff 0a0B");
        assertEquals("0a0b", shell.print("store:get --hex bin 00ff"));
        assertEquals("0a0b", shell.print("store:get bin 00FF -x"), "the option may come last");
        assertEquals(true, shell.run("store:has -x bin 00ff"));
        assertEquals(false, shell.run("store:has bin 00ff"), "without -x the key is the text 00ff");
        shell.run("store:set -x bin '' ''");
        assertEquals("", shell.print("store:get -x bin ''"));
        shell.run("store:del -x bin 00ff");
        assertEquals(false, shell.run("store:has -x bin 00ff"));
        shell.run("store:set --hex bin 6869 6f6b");
        assertEquals("ok", shell.print("store:get bin hi"));
    }

    @Test
    void textOutputShowsUnprintableBytesAsMarkedHex() {
        shell.run("store:create bin");
        shell.run("store:set -x bin 6b ff00");
        shell.run("store:set -x bin 6c 1b5b33316d");
        shell.run("store:set bin m hex:abc");
        assertEquals("hex:ff00", shell.print("store:get bin k"), "not UTF-8");
        assertEquals("hex:1b5b33316d", shell.print("store:get bin l"), "an escape sequence");
        assertEquals("hex:6865783a616263", shell.print("store:get bin m"), "text that looks marked");
    }

    @Test
    void saveLoadAndVersions() {
        shell.run("store:create users");
        assertEquals("current: 0 (never saved or loaded)\nsaved:   (none)", shell.print("store:versions users"));
        shell.run("store:set users a 1");
        Matcher first = saved(shell.print("store:save users"));
        assertEquals("1", first.group(1));
        assertEquals("users", first.group(2));
        shell.run("store:set users a 2");
        Matcher second = saved(shell.print("store:save users"));
        assertEquals("2", second.group(1));
        assertNotEquals(first.group(3), second.group(3), "different content, different hash");
        assertEquals("current: 2\nsaved:   1, 2", shell.print("store:versions users"));

        assertEquals("loaded version 1 into store users", shell.print("store:load users 1"));
        assertEquals("1", shell.print("store:get users a"));
        assertEquals("current: 1\nsaved:   1, 2", shell.print("store:versions users"));
        Matcher third = saved(shell.print("store:save users"));
        assertEquals("3", third.group(1));
        assertEquals(first.group(3), third.group(3), "same content, same hash");
    }

    @Test
    void loadAcceptsTheVersionAsTyped() {
        shell.run("store:create users");
        shell.run("store:save users");
        assertEquals("loaded version 1 into store users", shell.print("store:load users 001"));
    }

    private static Matcher saved(String line) {
        Matcher matcher = SAVED.matcher(line);
        assertTrue(matcher.matches(), line);
        return matcher;
    }
}
