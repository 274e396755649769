package dev.skeleton.storage.webconsole;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.VersionInfo;
import dev.skeleton.storage.Versioned;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The saved versions of a store: {@code versions.json}, and the {@code save} and {@code load}
 * actions.
 *
 * <p>A store whose engine has no versioning lists none ({@code versioned: false}); saving or
 * loading one is {@link ErrorCode#UNSUPPORTED}. Stateless.
 */
final class StoreVersions {

    private StoreVersions() {
    }

    /**
     * The versions of a store.
     *
     * @param stores the multistore
     * @param name   the store
     * @return the JSON model: {@code store}, {@code versioned}, {@code current} (0 before any save),
     *         {@code versions} (each {@code version} and {@code current}), ascending
     */
    static Map<String, Object> list(MultiStore stores, String name) {
        Store store = stores.getStore(name);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("store", name);
        List<Object> rows = new ArrayList<>();
        long current = 0;
        boolean versioned = store instanceof Versioned v && v.supportsVersioning();
        if (versioned) {
            Versioned versions = (Versioned) store;
            current = versions.currentVersion();
            for (long version : versions.listVersions()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("version", version);
                row.put("current", version == current);
                rows.add(row);
            }
        }
        model.put("versioned", versioned);
        model.put("current", current);
        model.put("versions", rows);
        return model;
    }

    /**
     * Saves a version of a store.
     *
     * @param stores the multistore
     * @param name   the store
     * @return the JSON model: {@code version}, {@code hash} and a {@code message}
     */
    static Map<String, Object> save(MultiStore stores, String name) {
        VersionInfo saved = versioned(stores, name).saveVersion();
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("version", saved.version());
        model.put("hash", saved.hashHex());
        model.put("message", "version " + saved.version() + " of store " + name + " saved");
        return model;
    }

    /**
     * Loads a saved version into a store, replacing its data.
     *
     * @param stores  the multistore
     * @param name    the store
     * @param version the version
     * @return the JSON model: {@code version} and a {@code message}
     */
    static Map<String, Object> load(MultiStore stores, String name, long version) {
        versioned(stores, name).loadVersion(version);
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("version", version);
        model.put("message", "store " + name + " loaded from version " + version);
        return model;
    }

    private static Versioned versioned(MultiStore stores, String name) {
        Store store = stores.getStore(name);
        if (store instanceof Versioned versioned && versioned.supportsVersioning()) {
            return versioned;
        }
        throw new StorageException(ErrorCode.UNSUPPORTED, "store " + name + " has no versions: its engine "
                + stores.storeInfo(name).engine() + " does not keep any");
    }
}
