package dev.skeleton.storage.multistore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.MultiStoreConfig;
import dev.skeleton.storage.StorageException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One multistore per root (issue 15, defect 1, its plain-Java half): a second
 * {@link DefaultMultiStore} on a root that one uses, in another process or in this one, fails in
 * its constructor with STORE_EXISTS naming the root, and the first is untouched; the lock goes
 * with the holder (close, a failed constructor, a failed close, a killed process), so it never
 * goes stale. Other processes are child JVMs ({@link RootHolderChild}); every wait is bounded.
 */
class OneMultiStorePerRootTest extends MultiStoreTestSupport {

    private static final long LIMIT_SECONDS = 60;

    private static void assertRefusedFor(Path root, StorageException e) {
        assertEquals(ErrorCode.STORE_EXISTS, e.code(), e::getMessage);
        assertTrue(e.getMessage().contains(root.toString()) && e.getMessage().contains("another multistore uses it"),
                e.getMessage());
    }

    private static Process child(String mode, Path root) throws IOException {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), RootHolderChild.class.getName(), mode, root.toString())
                .redirectErrorStream(true).start();
    }

    private static String firstLine(Process process) throws Exception {
        ExecutorService reader = Executors.newSingleThreadExecutor();
        try {
            Callable<String> read = () -> new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
            return reader.submit(read).get(LIMIT_SECONDS, TimeUnit.SECONDS);
        } finally {
            reader.shutdownNow();
        }
    }

    private static int exitOf(Process process) throws InterruptedException {
        assertTrue(process.waitFor(LIMIT_SECONDS, TimeUnit.SECONDS), "the child did not end");
        return process.exitValue();
    }

    @Test
    void aSecondMultiStoreInThisProcessIsRefusedAndTheFirstIsUntouched() {
        stores.createStore("kept", PERSISTENT, null);

        StorageException e = assertCode(ErrorCode.STORE_EXISTS,
                () -> new DefaultMultiStore(MultiStoreConfig.of(root)));

        assertRefusedFor(root, e);
        assertTrue(e.getMessage().contains(RootLock.FILE_NAME), e.getMessage());
        stores.createStore("after", PERSISTENT, null);
        assertEquals(List.of("after", "kept"), stores.listStores());
        stores.close();
        assertEquals(List.of("after", "kept"), track(new DefaultMultiStore(MultiStoreConfig.of(root))).listStores(),
                "free again once the first is closed");
    }

    @Test
    void aMultiStoreInAnotherProcessIsRefusedWithOneLineAndThisOneGoesOn() throws Exception {
        stores.createStore("mine", PERSISTENT, null);
        Process other = child("try", root);

        String line = firstLine(other);

        assertEquals(3, exitOf(other), line);
        assertTrue(line.startsWith("STORE_EXISTS "), line);
        assertTrue(line.contains(root.toString()) && line.contains("another multistore uses it")
                && line.contains("process " + ProcessHandle.current().pid()), line);
        stores.createStore("later", PERSISTENT, null);
        assertEquals(List.of("later", "mine"), stores.listStores(), "the first one is untouched");
        assertTrue(Files.readString(root.resolve(Catalog.FILE_NAME)).contains("store later "));
    }

    @Test
    void aMultiStoreInAnotherProcessKeepsThisOneOutUntilThatProcessDies() throws Exception {
        stores.close();
        Process holder = child("hold", root);
        try {
            assertEquals("LOCKED", firstLine(holder));

            StorageException e = assertCode(ErrorCode.STORE_EXISTS, () -> new DefaultMultiStore(MultiStoreConfig.of(root)));
            assertRefusedFor(root, e);
            assertTrue(e.getMessage().contains("process " + holder.pid()), e.getMessage());
        } finally {
            holder.destroyForcibly();
        }
        exitOf(holder);
        track(new DefaultMultiStore(MultiStoreConfig.of(root))).close();
    }

    @Test
    void aMultiStoreInAnotherProcessReleasesTheRootWhenClosed() throws Exception {
        stores.close();
        Process holder = child("hold", root);
        assertEquals("LOCKED", firstLine(holder));
        holder.getOutputStream().close();
        assertEquals(0, exitOf(holder));

        Process next = child("try", root);
        String line = firstLine(next);
        assertEquals(0, exitOf(next), line);
        assertTrue(line.startsWith("OPENED"), line);
    }

    @Test
    void aConstructorThatFailsReleasesTheRoot() throws IOException {
        stores.close();
        Files.writeString(root.resolve(Catalog.FILE_NAME), "garbage\n");

        assertCode(ErrorCode.CORRUPTED, () -> new DefaultMultiStore(MultiStoreConfig.of(root)));
        assertCode(ErrorCode.CORRUPTED, () -> new DefaultMultiStore(MultiStoreConfig.of(root)),
                "still CORRUPTED, not STORE_EXISTS: the failed constructor kept no lock");
    }

    @Test
    void closeReleasesTheRootEvenWhenClosingAStoreFails() {
        stores.createStore("s", PERSISTENT, null);
        stores.getStore("s").set(bytes("k"), bytes("v"));
        persistent.failingClose = true;

        assertCode(ErrorCode.IO, stores::close);

        persistent.failingClose = false;
        DefaultMultiStore next = track(new DefaultMultiStore(MultiStoreConfig.of(root)));
        assertEquals(List.of("s"), next.listStores());
    }

    @Test
    void ofMultiStoresMadeAtOnceOnOneRootExactlyOneGetsIt() throws Exception {
        stores.close();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            List<Future<DefaultMultiStore>> attempts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                attempts.add(threads.submit(() -> new DefaultMultiStore(MultiStoreConfig.of(root))));
            }
            int opened = 0;
            for (Future<DefaultMultiStore> attempt : attempts) {
                try {
                    track(attempt.get(LIMIT_SECONDS, TimeUnit.SECONDS));
                    opened++;
                } catch (java.util.concurrent.ExecutionException e) {
                    assertRefusedFor(root, (StorageException) e.getCause());
                }
            }
            assertEquals(1, opened);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void theRootIsCreatedWhenMissingAndALockFileThatCannotBeMadeIsIo() throws IOException {
        Path fresh = root.resolve("a").resolve("b");
        track(new DefaultMultiStore(MultiStoreConfig.of(fresh)));
        assertTrue(Files.isRegularFile(fresh.resolve(RootLock.FILE_NAME)));

        Path file = root.resolve("plain-file");
        Files.writeString(file, "not a directory");
        StorageException e = assertCode(ErrorCode.IO, () -> new DefaultMultiStore(MultiStoreConfig.of(file)));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
    }
}
