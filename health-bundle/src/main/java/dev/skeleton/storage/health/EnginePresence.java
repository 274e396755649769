package dev.skeleton.storage.health;

import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StoreInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.Result;

/**
 * Judges whether every engine that a known store names is registered with the multistore
 * ({@link MultiStore#listEngines}): a missing engine is {@code CRITICAL}, naming the stores that
 * wait for it. Engines that no store uses are not required: an engine bundle that is not installed
 * harms nobody until a store asks for it.
 *
 * <p>Only persistent engines can be found missing this way: a store of a non-persistent engine
 * (memory) ends with its engine and leaves the catalog, so nothing waits for it.
 *
 * <p>Stateless.
 */
final class EnginePresence {

    private EnginePresence() {
    }

    /**
     * The verdict.
     *
     * @param stores the multistore
     * @return OK naming the engines in use; CRITICAL naming each missing engine and its stores
     */
    static Result check(MultiStore stores) {
        List<StoreInfo> infos = KnownStores.of(stores);
        Set<String> registered = new HashSet<>(stores.listEngines());
        Set<String> used = new TreeSet<>();
        Map<String, List<String>> waiting = new TreeMap<>();
        for (StoreInfo info : infos) {
            used.add(info.engine());
            if (!registered.contains(info.engine())) {
                waiting.computeIfAbsent(info.engine(), engine -> new ArrayList<>()).add(info.name());
            }
        }
        FormattingResultLog log = new FormattingResultLog();
        waiting.forEach((engine, names) -> log.critical("{}", "engine " + engine + " is missing; "
                + (names.size() == 1 ? "store " + names.get(0) + " waits" : "stores " + String.join(", ", names)
                + " wait") + " for it"));
        if (waiting.isEmpty()) {
            log.info("{}", used.isEmpty() ? "no store uses an engine yet"
                    : "every engine the stores use is present: " + String.join(", ", used));
        }
        log.debug("{}", "registered engines: " + String.join(", ", new TreeSet<>(registered)));
        return new Result(log);
    }
}
