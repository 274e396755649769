package dev.skeleton.storage.karaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KarafLogTest {

    @TempDir
    Path dir;

    @Test
    void anEntryOfTheLevelMentioningTheWordInItsStackTraceIsFound() throws IOException {
        Path file = Files.write(dir.resolve("karaf.log"), List.of(
                "2026-12-07T14:22:15,538 | ERROR | Thread-38 | org.apache.karaf.shell.support.ShellUtil | 45 - shell | failed",
                "dev.skeleton.storage.shell.CommandException: KEY_NOT_FOUND",
                "\tat dev.skeleton.storage.shell.StoreCommands.get(StoreCommands.java:1)",
                "2026-12-07T14:22:16,000 | INFO  | main | dev.skeleton.storage.multistore.Store | 5 - api | opened",
                "2026-12-07T14:22:17,000 | ERROR | main | org.apache.sshd.Server | 48 - sshd | connection reset",
                "2026-12-07T14:22:18,000 | WARN  | main | dev.skeleton.storage.multistore.Store | 5 - api | unknown key"));

        KarafLog log = new KarafLog(file);

        List<String> errors = log.entries("ERROR", "Skeleton");
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).endsWith("StoreCommands.java:1)"), errors.get(0));
        assertEquals(1, log.entries("WARN", "skeleton").size());
        assertTrue(log.tail(1).endsWith("unknown key"), log.tail(1));
    }

    @Test
    void noLogHasNoEntriesAndATailThatSaysSo() throws IOException {
        KarafLog log = new KarafLog(dir.resolve("missing.log"));

        assertEquals(List.of(), log.entries("ERROR", "skeleton"));
        assertTrue(log.tail(5).startsWith("(no log at "), log.tail(5));
    }
}
