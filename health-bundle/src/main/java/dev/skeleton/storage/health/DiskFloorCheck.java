package dev.skeleton.storage.health;

import dev.skeleton.storage.MultiStore;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The health check "{@value #NAME}" (tag {@value Settings#TAG}): the file system of the stores'
 * folder has free space above {@value Settings#DISK_FLOOR_BYTES} ({@code CRITICAL} below it,
 * {@code WARN} below twice it; see {@link DiskFloor}). The folder is found as {@link DataFolder}
 * says.
 *
 * <p>Unlike the other checks, this one runs without the multistore too, on the folder the
 * multistore's settings name: free space matters most when the multistore cannot start, and a full
 * disk may be why.
 *
 * <p>Configuration PID {@value Settings#PID} (optional; described by {@link HealthSettings}, which
 * this component designates for the PID); a change applies in place. A bad value is logged in one
 * WARNING line and the default used (see {@link Settings}).
 */
@Component(service = HealthCheck.class, configurationPid = Settings.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, property = {
                HealthCheck.NAME + "=" + DiskFloorCheck.NAME,
                HealthCheck.TAGS + "=" + Settings.TAG})
@Designate(ocd = HealthSettings.class)
public final class DiskFloorCheck implements HealthCheck {

    /** The check's name, as {@code hc:exec} shows it. */
    static final String NAME = "Storage: free disk space";

    private static final System.Logger LOG = System.getLogger(DiskFloorCheck.class.getName());

    private final BoundMultiStore multiStore = new BoundMultiStore();
    private final Function<String, String> frameworkProperty;
    private final FreeSpace space;
    private volatile long floorBytes;

    /**
     * The component.
     *
     * @param context    the bundle's context, for the framework property that names the stores' folder
     * @param properties the configuration
     */
    @Activate
    public DiskFloorCheck(BundleContext context, Map<String, Object> properties) {
        this(context::getProperty, FreeSpace.FILE_SYSTEM, properties);
    }

    DiskFloorCheck(Function<String, String> frameworkProperty, FreeSpace space, Map<String, ?> properties) {
        this.frameworkProperty = frameworkProperty;
        this.space = space;
        modified(properties);
    }

    @Modified
    void modified(Map<String, ?> properties) {
        floorBytes = Settings.diskFloorBytes(properties, warning -> LOG.log(Level.WARNING, warning));
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, updated = "updatedMultiStore")
    void bindMultiStore(MultiStore stores, Map<String, Object> properties) {
        multiStore.bind(stores, properties);
    }

    void updatedMultiStore(MultiStore stores, Map<String, Object> properties) {
        multiStore.update(stores, properties);
    }

    void unbindMultiStore(MultiStore stores) {
        multiStore.unbind(stores);
    }

    @Override
    public Result execute() {
        DataFolder folder = DataFolder.find(multiStore.current(), frameworkProperty, Path.of("").toAbsolutePath());
        return DiskFloor.check(folder, floorBytes, space);
    }
}
