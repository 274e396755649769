package dev.skeleton.storage.webconsole;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.MultiStore;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code create} and {@code delete} actions of the page. The multistore checks the names and
 * says what went wrong ({@code STORE_EXISTS}, {@code ENGINE_NOT_FOUND}, {@code INVALID_ARGUMENT},
 * {@code STORE_NOT_FOUND}). Stateless.
 */
final class StoreActions {

    private StoreActions() {
    }

    /**
     * Creates a store with an empty configuration (the engine's defaults).
     *
     * @param stores the multistore
     * @param name   the new store's name
     * @param engine the engine; empty: the multistore's default engine
     * @return the JSON model: {@code store}, {@code engine} and a {@code message}
     */
    static Map<String, Object> create(MultiStore stores, String name, String engine) {
        stores.createStore(name, engine.isEmpty() ? null : engine, Config.empty());
        String made = stores.storeInfo(name).engine();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("store", name);
        model.put("engine", made);
        model.put("message", "store " + name + " created on engine " + made);
        return model;
    }

    /**
     * Deletes a store and its data.
     *
     * @param stores the multistore
     * @param name   the store
     * @return the JSON model: {@code store} and a {@code message}
     */
    static Map<String, Object> delete(MultiStore stores, String name) {
        stores.deleteStore(name);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("store", name);
        model.put("message", "store " + name + " deleted");
        return model;
    }
}
