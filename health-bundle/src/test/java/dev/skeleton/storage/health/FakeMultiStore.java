package dev.skeleton.storage.health;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.StoreInfo;
import dev.skeleton.storage.StoreStats;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A multistore of the test's making: the stores, engines and figures the checks read, and nothing
 * else (every other method of {@link MultiStore} throws). A proxy rather than a class implementing
 * the interface, so that it only names what the checks use. Not thread-safe: a test sets it up,
 * then the checks read it.
 */
final class FakeMultiStore {

    private final Path root;
    private final Map<String, StoreInfo> stores = new TreeMap<>();
    private final Set<String> engines = new TreeSet<>();
    private final Map<String, StoreStats> stats = new HashMap<>();
    private final Set<String> vanished = new TreeSet<>();
    private final Set<String> deletedBeforeStats = new TreeSet<>();
    private StorageException failure;

    FakeMultiStore(Path root) {
        this.root = root;
    }

    /** A registered engine. */
    FakeMultiStore engine(String name) {
        engines.add(name);
        return this;
    }

    /** A store of an engine; available if the engine is registered (as the real multistore has it). */
    FakeMultiStore store(String name, String engine) {
        stores.put(name, new StoreInfo(name, engine, root.resolve(name).toString(), engines.contains(engine),
                Config.empty()));
        return this;
    }

    /** A store that the listing names but that is deleted before its info or figures are asked for. */
    FakeMultiStore vanished(String name) {
        vanished.add(name);
        return this;
    }

    /** A store that is deleted after its info was read, before its figures are asked for. */
    FakeMultiStore deletedBeforeStats(String name) {
        deletedBeforeStats.add(name);
        return this;
    }

    /** What the engine reports of a store, and what its handle counted of writes. */
    FakeMultiStore metrics(String store, Map<String, Number> metrics, long sets, long bytesWritten) {
        StoreInfo info = stores.get(store);
        stats.put(store, new StoreStats(store, info.engine(), info.available(), Map.of(StoreStats.SET, sets), 0,
                bytesWritten, Map.of(), -1, metrics));
        return this;
    }

    /** Every call fails with this code from now on (STORE_CLOSED: a component that is not active). */
    FakeMultiStore failing(ErrorCode code) {
        failure = new StorageException(code, "fake failure " + code);
        return this;
    }

    /** The multistore the checks see. */
    MultiStore service() {
        return (MultiStore) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {MultiStore.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "listStores" -> answer(listing());
                    case "listEngines" -> answer(List.copyOf(engines));
                    case "storeInfo" -> answer(known(stores, (String) args[0]));
                    case "storeStats" -> answer(statsOf((String) args[0]));
                    case "toString" -> "FakeMultiStore" + stores.keySet();
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private StoreStats statsOf(String name) {
        if (deletedBeforeStats.contains(name)) {
            throw new StorageException(ErrorCode.STORE_NOT_FOUND, "store " + name + " does not exist");
        }
        return stats.containsKey(name) ? stats.get(name) : emptyStats(known(stores, name));
    }

    private List<String> listing() {
        List<String> names = new ArrayList<>(stores.keySet());
        names.addAll(vanished);
        return names.stream().sorted().toList();
    }

    private <T> T answer(T value) {
        if (failure != null) {
            throw failure;
        }
        return value;
    }

    private static <T> T known(Map<String, T> map, String name) {
        T value = map.get(name);
        if (value == null) {
            throw new StorageException(ErrorCode.STORE_NOT_FOUND, "store " + name + " does not exist");
        }
        return value;
    }

    private static StoreStats emptyStats(StoreInfo info) {
        return new StoreStats(info.name(), info.engine(), info.available(), Map.of(), 0, 0, Map.of(), -1, Map.of());
    }
}
