package dev.skeleton.storage.webconsole;

import dev.skeleton.storage.Capabilities;
import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.KeyValueVisitor;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.memory.MemoryEngine;

/**
 * A test engine "plain" whose stores offer nothing but {@link Store}: no range queries, no
 * versions. Its stores keep their data in memory-engine stores, seen only through {@link Store}.
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
        return new Capabilities(false, false, false, false, false);
    }

    /** A store seen only through {@link Store}. */
    private record PlainStore(Store inner) implements Store {

        @Override
        public byte[] get(byte[] key) {
            return inner.get(key);
        }

        @Override
        public void set(byte[] key, byte[] value) {
            inner.set(key, value);
        }

        @Override
        public void delete(byte[] key) {
            inner.delete(key);
        }

        @Override
        public boolean has(byte[] key) {
            return inner.has(key);
        }

        @Override
        public void iterate(KeyValueVisitor visitor) {
            inner.iterate(visitor);
        }

        @Override
        public void close() {
            inner.close();
        }

        @Override
        public String name() {
            return inner.name();
        }

        @Override
        public String path() {
            return inner.path();
        }
    }
}
