package dev.skeleton.storage.health;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.StoreInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * What the multistore knows of its stores now: {@link MultiStore#storeInfo} of each store that
 * {@link MultiStore#listStores} names. Stores come and go while a check runs; a store deleted
 * between the listing and its info is left out, as if the listing had come a moment later.
 *
 * <p>Stateless.
 */
final class KnownStores {

    private KnownStores() {
    }

    /**
     * The stores, in the multistore's (sorted) order.
     *
     * @param stores the multistore
     * @return the info of each store that still exists
     * @throws StorageException what the multistore throws but {@link ErrorCode#STORE_NOT_FOUND}
     */
    static List<StoreInfo> of(MultiStore stores) {
        List<StoreInfo> infos = new ArrayList<>();
        for (String name : stores.listStores()) {
            try {
                infos.add(stores.storeInfo(name));
            } catch (StorageException e) {
                if (e.code() != ErrorCode.STORE_NOT_FOUND) {
                    throw e;
                }
            }
        }
        return infos;
    }
}
