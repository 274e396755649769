package dev.skeleton.storage.shell;

import dev.skeleton.storage.MultiStoreConfig;
import dev.skeleton.storage.memory.MemoryEngine;
import dev.skeleton.storage.multistore.DefaultMultiStore;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real multistore (default engine "memory") with the real memory engine and the plain test
 * engine registered, and a real Gogo shell with the store commands (all three components) over it.
 */
abstract class ShellTestBase {

    @TempDir
    Path root;

    DefaultMultiStore stores;
    GogoShell shell;

    @BeforeEach
    void startShell() {
        stores = new DefaultMultiStore(MultiStoreConfig.of(root));
        stores.registerEngine(new MemoryEngine());
        stores.registerEngine(new PlainEngine());
        shell = new GogoShell(new StoreCommands(stores), new BackupCommands(stores), new StatsCommands(stores));
    }

    @AfterEach
    void stopShell() {
        shell.close();
        stores.close();
    }
}
