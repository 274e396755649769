package dev.skeleton.storage.health;

import dev.skeleton.storage.MultiStore;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The health check "{@value #NAME}" (tag {@value Settings#TAG}): the file engine's recent log force
 * time and checkpoint age of each available store stay within {@value Settings#FSYNC_LIMIT_MILLIS}
 * and {@value Settings#CHECKPOINT_AGE_LIMIT_SECONDS} ({@code WARN} above; see
 * {@link EngineMetricLimits}). Without the multistore: {@code TEMPORARILY_UNAVAILABLE} (see
 * {@link BoundMultiStore}).
 *
 * <p>Configuration PID {@value Settings#PID} (optional, shared with {@link DiskFloorCheck}); a
 * change applies in place. A bad value is logged in one WARNING line and the default used (see
 * {@link Settings}).
 */
@Component(service = HealthCheck.class, configurationPid = Settings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = {
                HealthCheck.NAME + "=" + EngineMetricsCheck.NAME,
                HealthCheck.TAGS + "=" + Settings.TAG})
public final class EngineMetricsCheck implements HealthCheck {

    /** The check's name, as {@code hc:exec} shows it. */
    static final String NAME = "Storage: engine limits";

    private static final System.Logger LOG = System.getLogger(EngineMetricsCheck.class.getName());

    private final BoundMultiStore multiStore = new BoundMultiStore();
    private final EngineMetricLimits judge = new EngineMetricLimits();
    private final LongSupplier clock;
    private volatile EngineLimits limits;

    /**
     * The component.
     *
     * @param properties the configuration
     */
    @Activate
    public EngineMetricsCheck(Map<String, Object> properties) {
        this(properties, System::currentTimeMillis);
    }

    EngineMetricsCheck(Map<String, ?> properties, LongSupplier clock) {
        this.clock = clock;
        modified(properties);
    }

    @Modified
    void modified(Map<String, ?> properties) {
        limits = Settings.engineLimits(properties, warning -> LOG.log(Level.WARNING, warning));
    }

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
        EngineLimits now = limits;
        return multiStore.judge(stores -> judge.check(stores, now, clock.getAsLong()));
    }
}
