package dev.skeleton.storage.webconsole;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.MetricsSource;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.StoreInfo;
import dev.skeleton.storage.StoreStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The answer of {@code stores.json}: the engines and the stores, with the figures of the stores'
 * table.
 *
 * <h2>Engines</h2>
 * Every registered engine ({@code present: true}), and every engine that a store of the catalog
 * names but that is not registered now ({@code present: false}): the engines table then shows
 * why a store is unavailable. Sorted by name.
 *
 * <h2>Stores</h2>
 * Each store of the catalog, sorted by name, with its status:
 * <ul>
 *   <li>{@value #OPEN}: its engine is present and the store is open; its figures are shown;</li>
 *   <li>{@value #CLOSED}: its engine is present but nobody has opened the store since the
 *       multistore started (a persistent store opens when first used; listing it does not open it,
 *       so that looking at the page costs no store a recovery);</li>
 *   <li>{@value #ENGINE_ABSENT}: its engine is not registered; the store cannot be used now.</li>
 * </ul>
 * Entries and size on disk come from what the engine reports ({@link MetricsSource#ENTRIES},
 * {@link MetricsSource#DISK_BYTES}); a figure the engine does not report, or of a store that is not
 * open, is null. A store deleted while the list is made is left out.
 *
 * <p>Stateless; the multistore is thread-safe.
 */
final class StoreOverview {

    /** Status of an open store. */
    static final String OPEN = "open";
    /** Status of a store whose engine is present but that is not open. */
    static final String CLOSED = "closed";
    /** Status of a store whose engine is absent. */
    static final String ENGINE_ABSENT = "engine absent";

    private StoreOverview() {
    }

    /**
     * Engines and stores now.
     *
     * @param stores the multistore
     * @return the JSON model: {@code defaultEngine}, {@code engines}, {@code stores}
     */
    static Map<String, Object> of(MultiStore stores) {
        List<String> present = stores.listEngines();
        String defaultEngine = stores.getDefaultEngine();
        TreeSet<String> absent = new TreeSet<>();
        List<Object> storeRows = new ArrayList<>();
        for (String name : stores.listStores()) {
            StoreInfo info;
            StoreStats stats;
            try {
                info = stores.storeInfo(name);
                stats = stores.storeStats(name);
            } catch (StorageException e) {
                if (e.code() == ErrorCode.STORE_NOT_FOUND) {
                    continue; // deleted meanwhile
                }
                throw e;
            }
            if (!present.contains(info.engine())) {
                absent.add(info.engine());
            }
            storeRows.add(storeRow(info, stats));
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("defaultEngine", defaultEngine);
        model.put("engines", engineRows(present, absent, defaultEngine));
        model.put("stores", storeRows);
        return model;
    }

    private static List<Object> engineRows(List<String> present, TreeSet<String> absent, String defaultEngine) {
        TreeSet<String> all = new TreeSet<>(present);
        all.addAll(absent);
        List<Object> rows = new ArrayList<>();
        for (String engine : all) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("name", engine);
            row.put("present", present.contains(engine));
            row.put("default", engine.equals(defaultEngine));
            rows.add(row);
        }
        return rows;
    }

    private static Map<String, Object> storeRow(StoreInfo info, StoreStats stats) {
        boolean open = info.available() && stats.available();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", info.name());
        row.put("engine", info.engine());
        row.put("available", info.available());
        row.put("open", open);
        row.put("status", open ? OPEN : info.available() ? CLOSED : ENGINE_ABSENT);
        row.put("entries", open ? stats.engineMetrics().get(MetricsSource.ENTRIES) : null);
        row.put("diskBytes", open ? stats.engineMetrics().get(MetricsSource.DISK_BYTES) : null);
        row.put("versions", open && stats.versions() >= 0 ? stats.versions() : null);
        return row;
    }
}
