package dev.skeleton.storage.sample;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.KeyValueVisitor;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A store of the "sample" engine: an immutable sorted map that every write replaces by a changed
 * copy.
 *
 * <h2>How it works, and why</h2>
 * Copy-on-write is the simplest way to meet the contract's iteration rule: an iteration walks the
 * map that was current when it began, which no one changes, so it sees one point in time, and its
 * visitor may write the store freely. The price is a copy of the whole map on every write, which
 * is fine for a sample and wrong for real data: the engines of the platform share structure instead.
 *
 * <h2>Locking</h2>
 * Writers hold this store's monitor while they copy and publish the map, so no write is lost.
 * Readers and iterations take no lock: they read the volatile {@link #entries} once. Visitors run
 * without any lock held.
 */
final class SampleStore implements Store {

    private final String name;
    private final String path;
    /** Called once, on the first close, so that the engine forgets this store. */
    private final Consumer<SampleStore> onClose;
    /** The current content; replaced, never changed, under this store's monitor. */
    private volatile NavigableMap<byte[], byte[]> entries = Collections.unmodifiableNavigableMap(emptyMap());
    private volatile boolean closed;

    SampleStore(String name, String path, Consumer<SampleStore> onClose) {
        this.name = name;
        this.path = path;
        this.onClose = onClose;
    }

    @Override
    public byte[] get(byte[] key) {
        NavigableMap<byte[], byte[]> current = readable(key);
        byte[] value = current.get(key);
        if (value == null) {
            throw new StorageException(ErrorCode.KEY_NOT_FOUND, "key " + describe(key) + " not found in store " + name);
        }
        return value.clone();
    }

    @Override
    public void set(byte[] key, byte[] value) {
        requireNonNull(key, "key");
        requireNonNull(value, "value");
        byte[] keyCopy = key.clone();
        byte[] valueCopy = value.clone();
        synchronized (this) {
            requireOpen();
            NavigableMap<byte[], byte[]> changed = copy();
            changed.put(keyCopy, valueCopy);
            entries = Collections.unmodifiableNavigableMap(changed);
        }
    }

    @Override
    public void delete(byte[] key) {
        requireNonNull(key, "key");
        synchronized (this) {
            requireOpen();
            if (!entries.containsKey(key)) {
                return;
            }
            NavigableMap<byte[], byte[]> changed = copy();
            changed.remove(key);
            entries = Collections.unmodifiableNavigableMap(changed);
        }
    }

    @Override
    public boolean has(byte[] key) {
        return readable(key).containsKey(key);
    }

    @Override
    public void iterate(KeyValueVisitor visitor) {
        requireNonNull(visitor, "visitor");
        requireOpen();
        for (Map.Entry<byte[], byte[]> entry : entries.entrySet()) {
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
            entries = Collections.unmodifiableNavigableMap(emptyMap());
        }
        onClose.accept(this);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String toString() {
        return "SampleStore[" + name + ", " + entries.size() + " keys" + (closed ? ", closed" : "") + "]";
    }

    /** The current map, after checking the key and that the store is open. */
    private NavigableMap<byte[], byte[]> readable(byte[] key) {
        requireNonNull(key, "key");
        requireOpen();
        return entries;
    }

    private NavigableMap<byte[], byte[]> copy() {
        NavigableMap<byte[], byte[]> copy = emptyMap();
        copy.putAll(entries);
        return copy;
    }

    /** Keys in unsigned byte order, as the contract orders them in every engine. */
    private static NavigableMap<byte[], byte[]> emptyMap() {
        return new TreeMap<>(Arrays::compareUnsigned);
    }

    /** Bad input is reported before the closed state, as the contract asks. */
    private void requireNonNull(Object argument, String what) {
        if (argument == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "null " + what + " given to store " + name);
        }
    }

    private void requireOpen() {
        if (closed) {
            throw new StorageException(ErrorCode.STORE_CLOSED, "store " + name + " is closed");
        }
    }

    /** A key as text when it is printable UTF-8, otherwise as hex. */
    private static String describe(byte[] key) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(key)).toString();
            if (text.codePoints().noneMatch(Character::isISOControl)) {
                return "\"" + text + "\"";
            }
        } catch (CharacterCodingException e) {
            // Not text: shown as hex below.
        }
        return "0x" + HexFormat.of().formatHex(key);
    }
}
