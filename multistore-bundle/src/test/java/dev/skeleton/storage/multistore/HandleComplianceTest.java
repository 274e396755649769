package dev.skeleton.storage.multistore;

import dev.skeleton.storage.Capabilities;
import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.MultiStoreConfig;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.memory.MemoryEngine;
import dev.skeleton.storage.testkit.ConcurrencyContract;
import dev.skeleton.storage.testkit.RangeQueryableContract;
import dev.skeleton.storage.testkit.StoreContract;
import dev.skeleton.storage.testkit.TransactionalContract;
import dev.skeleton.storage.testkit.VersionedContract;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The compliance kit's store-level contracts (Store, Transactional, Versioned, RangeQueryable and
 * the concurrency stress tests) run against multistore handles of memory stores: a handle is a
 * Store in every respect the kit checks, through its proxy and its transaction wrappers. The
 * kit's engine-level contract is not run: a multistore is not an engine.
 */
class HandleComplianceTest implements StoreContract, TransactionalContract, VersionedContract,
        RangeQueryableContract, ConcurrencyContract {

    @Override
    public Engine engine() {
        return new HandlesOfMemoryStores();
    }

    /**
     * An engine as the kit sees it, whose stores are multistore handles: {@code create} creates a
     * memory store in a multistore rooted at the path's parent and returns its handle.
     */
    private static final class HandlesOfMemoryStores implements Engine {

        private final MemoryEngine memory = new MemoryEngine();
        private final Map<Path, DefaultMultiStore> multiStores = new ConcurrentHashMap<>();

        private DefaultMultiStore multiStoreFor(String path) {
            return multiStores.computeIfAbsent(Path.of(path).getParent(), root -> {
                DefaultMultiStore stores = new DefaultMultiStore(MultiStoreConfig.of(root));
                stores.registerEngine(memory);
                return stores;
            });
        }

        @Override
        public String name() {
            return "handles-of-memory";
        }

        @Override
        public Store create(String name, String path, Config config) {
            DefaultMultiStore stores = multiStoreFor(path);
            stores.createStore(name, MemoryEngine.NAME, config);
            return stores.getStore(name);
        }

        @Override
        public Store open(String name, String path) {
            return multiStoreFor(path).getStore(name);
        }

        @Override
        public void destroy(String name, String path) {
            DefaultMultiStore stores = multiStoreFor(path);
            if (stores.storeExists(name)) {
                stores.deleteStore(name);
            }
        }

        @Override
        public Capabilities capabilities() {
            return memory.capabilities();
        }
    }
}
