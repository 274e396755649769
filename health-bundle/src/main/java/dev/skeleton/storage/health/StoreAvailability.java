package dev.skeleton.storage.health;

import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StoreInfo;
import java.util.List;
import org.apache.felix.hc.api.FormattingResultLog;
import org.apache.felix.hc.api.Result;

/**
 * Judges whether every store the multistore knows can be used now ({@link StoreInfo#available()}).
 *
 * <p>An unavailable store is {@code CRITICAL}, not {@code WARN}: every call on it fails with
 * {@code ENGINE_UNAVAILABLE} until its engine is back, which for the store's users is an outage,
 * not a degradation. (The multistore keeps the store's handle and data, and the store comes back by
 * itself with its engine; the check then turns OK on its next run.) The engines check names the
 * cause, the missing engine; this one names the stores that suffer from it.
 *
 * <p>Stateless.
 */
final class StoreAvailability {

    private StoreAvailability() {
    }

    /**
     * The verdict.
     *
     * @param stores the multistore
     * @return OK with the count of stores; CRITICAL naming each unavailable store and its engine
     */
    static Result check(MultiStore stores) {
        List<StoreInfo> infos = KnownStores.of(stores);
        List<StoreInfo> unavailable = infos.stream().filter(info -> !info.available()).toList();
        FormattingResultLog log = new FormattingResultLog();
        for (StoreInfo info : unavailable) {
            log.critical("{}", "store " + info.name() + " is unavailable: its engine " + info.engine()
                    + " is not present");
        }
        int available = infos.size() - unavailable.size();
        log.info("{}", available + " of " + infos.size() + (infos.size() == 1 ? " store" : " stores")
                + " available");
        return new Result(log);
    }
}
