package dev.skeleton.storage.health;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.apache.felix.hc.api.Result;

/**
 * The {@link MultiStore} service a check is bound to, if any, and the way a check runs against it.
 *
 * <h2>Why optional and dynamic</h2>
 * Each check's reference to the multistore is optional, dynamic and greedy: without the multistore
 * the check stays registered and says {@code TEMPORARILY_UNAVAILABLE} "the multistore is not
 * running", instead of disappearing from {@code hc:exec storage} (a mandatory reference would
 * unregister the check exactly when the storage is down). {@code TEMPORARILY_UNAVAILABLE}, not
 * {@code CRITICAL}: the check cannot judge the stores at all, which is what that status says, and it
 * is what the platform shows for a moment while it starts (the multistore comes up after the health
 * check executor). It is not OK for the executor either: the aggregate of {@code hc:exec storage}
 * and the health servlet's answer treat it as a failure. A multistore that will not start says why
 * in its own ERROR line.
 *
 * <p>A registered multistore whose component is not active (between a failed root change and the
 * next configuration) throws {@link ErrorCode#STORE_CLOSED}; that, too, is "not running".
 *
 * <p>Thread safety: Declarative Services binds and unbinds on its threads while the executor runs
 * checks on others; the binding is one atomic reference. A greedy reference binds the better
 * service before it unbinds the old one, so an unbind only clears the binding of that service.
 */
final class BoundMultiStore {

    /** What a check says while there is no multistore. */
    static final String NOT_RUNNING = "the multistore is not running";

    /**
     * A bound multistore.
     *
     * @param stores     the service
     * @param properties its service properties (its configuration, among them {@code root.path}
     *                   when configured)
     */
    record Binding(MultiStore stores, Map<String, Object> properties) {
    }

    private final AtomicReference<Binding> binding = new AtomicReference<>();

    /**
     * Binds a multistore, replacing the one bound before.
     *
     * @param stores     the service
     * @param properties its service properties
     */
    void bind(MultiStore stores, Map<String, ?> properties) {
        binding.set(new Binding(stores, Map.copyOf(properties)));
    }

    /**
     * Takes new service properties of the bound multistore (its configuration changed).
     *
     * @param stores     the service
     * @param properties its new service properties
     */
    void update(MultiStore stores, Map<String, ?> properties) {
        Binding updated = new Binding(stores, Map.copyOf(properties));
        binding.updateAndGet(current -> current != null && current.stores() == stores ? updated : current);
    }

    /**
     * Unbinds a multistore if it is the bound one.
     *
     * @param stores the service that leaves
     */
    void unbind(MultiStore stores) {
        binding.updateAndGet(current -> current != null && current.stores() == stores ? null : current);
    }

    /** The bound multistore now, if any. */
    Optional<Binding> current() {
        return Optional.ofNullable(binding.get());
    }

    /**
     * Runs a check against the bound multistore.
     *
     * @param check judges the multistore
     * @return its result; {@code TEMPORARILY_UNAVAILABLE} {@value #NOT_RUNNING} if there is none or
     *         it is not active
     */
    Result judge(Function<MultiStore, Result> check) {
        Binding current = binding.get();
        if (current == null) {
            return new Result(Result.Status.TEMPORARILY_UNAVAILABLE, NOT_RUNNING + " (no MultiStore service)");
        }
        try {
            return check.apply(current.stores());
        } catch (StorageException e) {
            if (e.code() != ErrorCode.STORE_CLOSED) {
                throw e;
            }
            return new Result(Result.Status.TEMPORARILY_UNAVAILABLE, NOT_RUNNING + ": " + e.getMessage());
        }
    }
}
