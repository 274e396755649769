package dev.skeleton.storage.multistore;

import dev.skeleton.storage.MultiStoreConfig;
import dev.skeleton.storage.StorageException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The other process of {@link OneMultiStorePerRootTest}: a JVM of its own that opens a
 * {@link DefaultMultiStore} on a root.
 *
 * <p>{@code hold ROOT}: opens it, prints {@code LOCKED}, keeps it until its standard input ends,
 * then closes it and exits 0. {@code try ROOT}: opens and closes it and prints {@code OPENED}
 * (exit 0), or prints the refusal's code and message on one line and exits 3.
 */
public final class RootHolderChild {

    private RootHolderChild() {
    }

    /**
     * Runs the child.
     *
     * @param args {@code hold|try ROOT}
     * @throws IOException if standard input fails
     */
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[1]);
        if (args[0].equals("hold")) {
            try (DefaultMultiStore stores = new DefaultMultiStore(MultiStoreConfig.of(root))) {
                System.out.println("LOCKED");
                System.out.flush();
                while (System.in.read() >= 0) {
                    // Held until the parent closes our input (or kills us).
                }
            }
            return;
        }
        try (DefaultMultiStore stores = new DefaultMultiStore(MultiStoreConfig.of(root))) {
            System.out.println("OPENED " + stores.listStores());
        } catch (StorageException e) {
            System.out.println(e.code() + " " + e.getMessage());
            System.exit(3);
        }
    }
}
