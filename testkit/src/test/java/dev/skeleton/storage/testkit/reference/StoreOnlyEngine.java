package dev.skeleton.storage.testkit.reference;

import dev.skeleton.storage.Capabilities;
import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.KeyValueVisitor;
import dev.skeleton.storage.Store;
import java.util.List;

/**
 * An engine without any capability: the reference engine's stores seen through the {@link Store}
 * interface alone, knowing no config key. It proves that the kit skips every capability test and
 * still passes an engine that offers only the basics.
 */
public class StoreOnlyEngine implements Engine {

    private final ReferenceEngine delegate = new ReferenceEngine();

    @Override
    public String name() {
        return "store-only";
    }

    @Override
    public Capabilities capabilities() {
        return new Capabilities(false, false, false, false, false);
    }

    @Override
    public Store create(String name, String path, Config config) {
        ReferenceEngine.requireNameAndPath(name, path);
        (config == null ? Config.empty() : config).requireKnownKeys(name(), List.of());
        return new PlainStore(delegate.create(name, path, Config.empty()));
    }

    @Override
    public Store open(String name, String path) {
        return delegate.open(name, path);
    }

    @Override
    public void destroy(String name, String path) {
        delegate.destroy(name, path);
    }

    /** Hides every capability interface of the store it wraps. */
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
