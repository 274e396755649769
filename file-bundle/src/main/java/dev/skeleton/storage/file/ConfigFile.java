package dev.skeleton.storage.file;

import com.esotericsoftware.kryo.KryoException;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * The file {@code store.config}: the settings given at create, which {@code open} uses. Written
 * atomically as the last step of {@code create}, so its presence is what makes a directory a store.
 *
 * <pre>
 * file   := frame FILE_HEADER(K, 0)  frame CONFIG
 * CONFIG := type:u8=9  count:varint  (key:string value:string)*     strings in Kryo's encoding
 * </pre>
 * Values are kept as text and read back through {@link FileConfig#from}, which checks them again.
 */
final class ConfigFile {

    private ConfigFile() {
    }

    /**
     * Writes the settings atomically.
     *
     * @param files  the store's files
     * @param config the settings
     * @throws IOException if writing fails; no file is left then
     */
    static void write(StoreFiles files, FileConfig config) throws IOException {
        Output header = Frame.newPayload(32);
        RecordCodec.writeFileHeader(header, RecordCodec.FileKind.CONFIG, 0);
        Output body = Frame.newPayload(128);
        body.writeByte(RecordCodec.CONFIG);
        Map<String, Object> settings = config.toConfig().asMap();
        body.writeVarInt(settings.size(), true);
        settings.forEach((key, value) -> {
            body.writeString(key);
            body.writeString(String.valueOf(value));
        });
        files.writeAtomically(StoreFiles.CONFIG, channel -> {
            StoreFiles.writeFully(channel, Frame.seal(header, false));
            StoreFiles.writeFully(channel, Frame.seal(body, false));
        });
    }

    /**
     * Reads the settings of a store.
     *
     * @param files     the store's files
     * @param storeName the store's name, for messages
     * @return the settings
     * @throws StorageException {@link ErrorCode#STORE_NOT_FOUND} if there is no config file,
     *         {@link ErrorCode#CORRUPTED} naming it if it cannot be read back,
     *         {@link ErrorCode#IO} if it cannot be read at all
     */
    static FileConfig read(StoreFiles files, String storeName) {
        Path path = files.file(StoreFiles.CONFIG);
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            FrameReader reader = new FrameReader(path, channel, 0);
            RecordCodec.readFileHeader(reader.require(), RecordCodec.FileKind.CONFIG, 0);
            Input body = reader.require();
            RecordCodec.expectType(body, RecordCodec.CONFIG);
            int count = body.readVarInt(true);
            Map<String, Object> settings = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                settings.put(body.readString(), body.readString());
            }
            return FileConfig.from(Config.of(settings));
        } catch (NoSuchFileException e) {
            throw new StorageException(ErrorCode.STORE_NOT_FOUND, "file store " + storeName + " not found: "
                    + path + " does not exist");
        } catch (DamagedFileException | KryoException | RecordCodec.MalformedPayloadException e) {
            throw corrupted(storeName, path, e);
        } catch (StorageException e) {
            if (e.code() == ErrorCode.INVALID_CONFIG) {
                throw corrupted(storeName, path, e);
            }
            throw e;
        } catch (IOException e) {
            throw StoreFiles.ioFailure(storeName, "reading " + path, e);
        }
    }

    private static StorageException corrupted(String storeName, Path path, Exception cause) {
        return new StorageException(ErrorCode.CORRUPTED, "store " + storeName + ": its config file " + path
                + " cannot be read back: " + cause.getMessage(), cause);
    }
}
