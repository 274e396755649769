package dev.skeleton.storage.webconsole;

import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageException;
import java.util.Map;

/**
 * Answers the page's JSON endpoints over a multistore: reads the parameters, does the work through
 * the plain classes of this package, and turns a {@link StorageException} into an error reply with
 * the status {@link ErrorStatus} gives it. Whether a request may reach an endpoint at all is
 * {@link RequestGuard}'s decision, taken before.
 *
 * <p>Thread-safe: it holds only thread-safe objects.
 */
final class ConsoleApi {

    /** 503: no multistore to answer with. */
    static final int UNAVAILABLE = 503;

    private final StoreFigures figures;

    /**
     * An API whose figures are stamped with a clock.
     *
     * @param figures the figures of {@code stats.json}
     */
    ConsoleApi(StoreFigures figures) {
        this.figures = figures;
    }

    /**
     * Answers a request of a JSON endpoint.
     *
     * @param stores   the multistore; null while none is bound
     * @param endpoint the endpoint, not {@link Endpoint#PAGE}
     * @param params   the request's parameters
     * @return the reply
     */
    Reply answer(MultiStore stores, Endpoint endpoint, RequestParams params) {
        if (stores == null) {
            return Reply.error(UNAVAILABLE, "UNAVAILABLE: the multistore is not running");
        }
        try {
            return Reply.ok(model(stores, endpoint, params));
        } catch (StorageException e) {
            return Reply.error(ErrorStatus.of(e.code()), e.code() + ": " + e.getMessage());
        }
    }

    private Map<String, Object> model(MultiStore stores, Endpoint endpoint, RequestParams params) {
        return switch (endpoint) {
            case STORES -> StoreOverview.of(stores);
            case STATS -> figures.of(stores, params.required("store"));
            case KEYS -> KeyBrowser.page(stores, params);
            case VERSIONS -> StoreVersions.list(stores, params.required("store"));
            case CREATE -> StoreActions.create(stores, params.required("name"), params.text("engine"));
            case DELETE -> StoreActions.delete(stores, params.required("store"));
            case SAVE -> StoreVersions.save(stores, params.required("store"));
            case LOAD -> StoreVersions.load(stores, params.required("store"),
                    params.requiredNumber("version", 1, Long.MAX_VALUE));
            case PAGE -> throw new IllegalArgumentException("the page is not a JSON endpoint");
        };
    }
}
