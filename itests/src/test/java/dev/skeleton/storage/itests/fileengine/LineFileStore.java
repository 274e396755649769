package dev.skeleton.storage.itests.fileengine;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.KeyValueVisitor;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A store of {@link LineFileEngine}: the entries in a sorted map, mirrored to {@code <path>/data.txt}
 * as one line per entry, {@code <hex key> <hex value>}, in key order. Every write rewrites the file
 * through a temporary file and an atomic rename, so the file always holds the last completed write:
 * slow, and plenty for tests that write a few keys.
 *
 * <p>Lock model: every method is synchronized on the store; the visitor of {@link #iterate} runs on
 * a copy, outside the lock, so it may write to the store.
 */
public final class LineFileStore implements Store {

    private static final HexFormat HEX = HexFormat.of();

    private final String name;
    private final String path;
    private final Path file;
    private final Consumer<String> onClose;
    private final TreeMap<byte[], byte[]> entries = new TreeMap<>(Arrays::compareUnsigned);
    private boolean closed;

    private LineFileStore(String name, String path, Consumer<String> onClose) {
        this.name = name;
        this.path = path;
        this.file = fileOf(path);
        this.onClose = onClose;
    }

    static Path fileOf(String path) {
        return Path.of(path, "data.txt");
    }

    static LineFileStore create(String name, String path, Consumer<String> onClose) {
        LineFileStore store = new LineFileStore(name, path, onClose);
        synchronized (store) {
            store.write();
        }
        return store;
    }

    static LineFileStore load(String name, String path, Consumer<String> onClose) {
        LineFileStore store = new LineFileStore(name, path, onClose);
        synchronized (store) {
            store.read();
        }
        return store;
    }

    @Override
    public synchronized byte[] get(byte[] key) {
        checkUsable(key);
        byte[] value = entries.get(key);
        if (value == null) {
            throw new StorageException(ErrorCode.KEY_NOT_FOUND, "key " + HEX.formatHex(key) + " not in store " + name);
        }
        return value.clone();
    }

    @Override
    public synchronized void set(byte[] key, byte[] value) {
        checkUsable(key);
        if (value == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "value must not be null (store " + name + ")");
        }
        entries.put(key.clone(), value.clone());
        write();
    }

    @Override
    public synchronized void delete(byte[] key) {
        checkUsable(key);
        if (entries.remove(key) != null) {
            write();
        }
    }

    @Override
    public synchronized boolean has(byte[] key) {
        checkUsable(key);
        return entries.containsKey(key);
    }

    @Override
    public void iterate(KeyValueVisitor visitor) {
        if (visitor == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "visitor must not be null (store " + name + ")");
        }
        List<Map.Entry<byte[], byte[]>> snapshot;
        synchronized (this) {
            checkOpen();
            snapshot = new ArrayList<>(entries.entrySet());
        }
        for (Map.Entry<byte[], byte[]> entry : snapshot) {
            if (!visitor.visit(entry.getKey().clone(), entry.getValue().clone())) {
                return;
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        onClose.accept(path);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String path() {
        return path;
    }

    private void checkUsable(byte[] key) {
        checkOpen();
        if (key == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "key must not be null (store " + name + ")");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new StorageException(ErrorCode.STORE_CLOSED, "store " + name + " is closed");
        }
    }

    private void read() {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.US_ASCII)) {
                int space = line.indexOf(' ');
                entries.put(HEX.parseHex(line, 0, space), HEX.parseHex(line, space + 1, line.length()));
            }
        } catch (IOException | RuntimeException e) {
            throw new StorageException(ErrorCode.IO, "cannot read store " + name + " from " + file, e);
        }
    }

    private void write() {
        StringBuilder text = new StringBuilder();
        entries.forEach((key, value) -> text.append(HEX.formatHex(key)).append(' ').append(HEX.formatHex(value)).append('\n'));
        Path temporary = file.resolveSibling("data.txt.tmp");
        try {
            Files.writeString(temporary, text, StandardCharsets.US_ASCII);
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StorageException(ErrorCode.IO, "cannot write store " + name + " to " + file, e);
        }
    }
}
