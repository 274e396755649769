package dev.skeleton.storage.testkit.reference;

import dev.skeleton.storage.Capabilities;
import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The persistent reference engine: the reference stores of {@link ReferenceEngine}, written as one
 * image file ({@link StoreImageFile}) under the store's path at create and at close, and read back
 * by {@link #open}. It proves the kit's persistence tests; durability between those points is not
 * its concern.
 */
public class FileReferenceEngine extends ReferenceEngine {

    private static final String IMAGE_FILE = "store.image";

    /** An engine making plain reference stores. */
    public FileReferenceEngine() {
    }

    /**
     * An engine making stores with the given factory: the broken variants pass their own.
     *
     * @param storeFactory makes a store from its settings
     */
    public FileReferenceEngine(Function<StoreSettings, ? extends ReferenceStore> storeFactory) {
        super(storeFactory);
    }

    @Override
    public String name() {
        return "reference-file";
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(true, true, true, true, false);
    }

    @Override
    public Store create(String name, String path, Config config) {
        requireNameAndPath(name, path);
        StoreImage image = StoreImage.empty(maxVersions(config));
        Path file = imageFile(path);
        if (isOpen(path) || Files.exists(file)) {
            throw new StorageException(ErrorCode.STORE_EXISTS, "store " + name + " exists at " + path);
        }
        createDirectories(Path.of(path));
        StoreImageFile.write(file, image); // the store exists, with its config, from now on
        return openStore(name, path, image);
    }

    @Override
    public Store open(String name, String path) {
        requireNameAndPath(name, path);
        Path file = imageFile(path);
        if (!Files.exists(file)) {
            throw new StorageException(ErrorCode.STORE_NOT_FOUND, "store " + name + " not found at " + path);
        }
        return openStore(name, path, StoreImageFile.read(file));
    }

    @Override
    public void destroy(String name, String path) {
        requireNameAndPath(name, path);
        Path directory = Path.of(path);
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path file : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new StorageException(ErrorCode.IO, "cannot destroy store " + name + " at " + path, e);
        }
    }

    @Override
    protected void closed(String path, StoreImage finalImage) {
        StoreImageFile.write(imageFile(path), finalImage);
        super.closed(path, finalImage);
    }

    private static Path imageFile(String path) {
        return Path.of(path, IMAGE_FILE);
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new StorageException(ErrorCode.IO, "cannot create store directory " + directory, e);
        }
    }
}
