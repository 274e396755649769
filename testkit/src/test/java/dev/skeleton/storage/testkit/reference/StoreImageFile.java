package dev.skeleton.storage.testkit.reference;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.testkit.reference.StoreImage.SavedVersion;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Reads and writes a {@link StoreImage} as one file, for the persistent reference engine.
 *
 * <p>Format (all numbers big-endian, as {@link DataOutputStream} writes them): the int
 * {@link #MAGIC}; int {@code maxVersions}; long {@code highestVersion}; long {@code currentVersion};
 * the working data as an entry list; int version count, then per version its long number, its
 * 32-byte hash and its entry list. An entry list is an int count followed by, per entry, int key
 * length, key, int value length, value. The file is written to a temporary sibling and moved into
 * place, so a crash leaves the old image or the new one, never half of one.
 */
final class StoreImageFile {

    private static final int MAGIC = 0x534b5246; // "SKRF"
    private static final int HASH_LENGTH = 32;

    private StoreImageFile() {
    }

    static void write(Path file, StoreImage image) {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary)))) {
            out.writeInt(MAGIC);
            out.writeInt(image.maxVersions());
            out.writeLong(image.highestVersion());
            out.writeLong(image.currentVersion());
            writeEntries(out, image.data());
            out.writeInt(image.versions().size());
            for (Map.Entry<Long, SavedVersion> version : image.versions().entrySet()) {
                out.writeLong(version.getKey());
                out.write(version.getValue().hash());
                writeEntries(out, version.getValue().content());
            }
        } catch (IOException e) {
            throw new StorageException(ErrorCode.IO, "cannot write store image " + temporary, e);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new StorageException(ErrorCode.IO, "cannot move store image into place at " + file, e);
        }
    }

    static StoreImage read(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            if (in.readInt() != MAGIC) {
                throw new StorageException(ErrorCode.CORRUPTED, "not a reference store image: " + file);
            }
            int maxVersions = in.readInt();
            long highestVersion = in.readLong();
            long currentVersion = in.readLong();
            NavigableMap<byte[], byte[]> data = readEntries(in);
            NavigableMap<Long, SavedVersion> versions = new TreeMap<>();
            for (int count = in.readInt(); count > 0; count--) {
                long number = in.readLong();
                byte[] hash = in.readNBytes(HASH_LENGTH);
                versions.put(number, new SavedVersion(readEntries(in), hash));
            }
            return new StoreImage(maxVersions, data, versions, highestVersion, currentVersion);
        } catch (IOException e) {
            throw new StorageException(ErrorCode.IO, "cannot read store image " + file, e);
        }
    }

    private static void writeEntries(DataOutputStream out, Map<byte[], byte[]> entries) throws IOException {
        out.writeInt(entries.size());
        for (Map.Entry<byte[], byte[]> entry : entries.entrySet()) {
            writeBytes(out, entry.getKey());
            writeBytes(out, entry.getValue());
        }
    }

    private static void writeBytes(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static NavigableMap<byte[], byte[]> readEntries(DataInputStream in) throws IOException {
        NavigableMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);
        for (int count = in.readInt(); count > 0; count--) {
            entries.put(readBytes(in), readBytes(in));
        }
        return entries;
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        return in.readNBytes(in.readInt());
    }
}
