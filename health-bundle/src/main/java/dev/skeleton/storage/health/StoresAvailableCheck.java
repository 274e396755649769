package dev.skeleton.storage.health;

import dev.skeleton.storage.MultiStore;
import java.util.Map;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The health check "{@value #NAME}" (tag {@value Settings#TAG}): every store the multistore knows
 * is available; {@code CRITICAL} naming each one that is not, with its engine (see
 * {@link StoreAvailability}). Without the multistore: {@code TEMPORARILY_UNAVAILABLE} (see
 * {@link BoundMultiStore}).
 */
@Component(service = HealthCheck.class, property = {
        HealthCheck.NAME + "=" + StoresAvailableCheck.NAME,
        HealthCheck.TAGS + "=" + Settings.TAG})
public final class StoresAvailableCheck implements HealthCheck {

    /** The check's name, as {@code hc:exec} shows it. */
    static final String NAME = "Storage: stores available";

    private final BoundMultiStore multiStore = new BoundMultiStore();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindMultiStore(MultiStore stores, Map<String, Object> properties) {
        multiStore.bind(stores, properties);
    }

    void unbindMultiStore(MultiStore stores) {
        multiStore.unbind(stores);
    }

    @Override
    public Result execute() {
        return multiStore.judge(StoreAvailability::check);
    }
}
