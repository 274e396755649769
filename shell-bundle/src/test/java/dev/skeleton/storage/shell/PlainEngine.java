package dev.skeleton.storage.shell;

import dev.skeleton.storage.Capabilities;
import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.KeyValueVisitor;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.memory.MemoryEngine;

/**
 * An engine that offers no optional capability (no transactions, versions or range queries), so
 * that the commands take their paths for plain stores. It keeps its data in the real memory engine
 * and shows only the {@link Store} interface of its stores. It declares persistence so that the
 * multistore keeps its stores in the catalog while the engine is absent (their data, being in
 * memory, does not survive that; the tests do not need it to).
 */
final class PlainEngine implements Engine {

    static final String NAME = "plain";

    private final MemoryEngine memory = new MemoryEngine();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Store create(String name, String path, Config config) {
        return new PlainStore(memory.create(name, path, config));
    }

    @Override
    public Store open(String name, String path) {
        return new PlainStore(memory.open(name, path));
    }

    @Override
    public void destroy(String name, String path) {
        memory.destroy(name, path);
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(false, false, false, true, false);
    }

    /** A store that is nothing but a {@link Store}. */
    private record PlainStore(Store store) implements Store {

        @Override
        public byte[] get(byte[] key) {
            return store.get(key);
        }

        @Override
        public void set(byte[] key, byte[] value) {
            store.set(key, value);
        }

        @Override
        public void delete(byte[] key) {
            store.delete(key);
        }

        @Override
        public boolean has(byte[] key) {
            return store.has(key);
        }

        @Override
        public void iterate(KeyValueVisitor visitor) {
            store.iterate(visitor);
        }

        @Override
        public void close() {
            store.close();
        }

        @Override
        public String name() {
            return store.name();
        }

        @Override
        public String path() {
            return store.path();
        }
    }
}
