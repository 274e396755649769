package dev.skeleton.storage.multistore.osgi;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageEvent;
import dev.skeleton.storage.StorageEventListener;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.StoreInfo;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * One store declared by a ConfigAdmin factory configuration with factory PID {@value #FACTORY_PID}
 * (for example a FileInstall file {@code etc/dev.skeleton.storage.store-users.cfg}): the properties
 * {@code name} and {@code engine}, plus engine configuration keys. The store is created if it does
 * not exist, and opened (so that it is offered as a {@code Store} service) if it does.
 *
 * <h2>What is refused, what is reported</h2>
 * A configuration without {@code name}, or with a blank or invalid one, creates nothing: one ERROR
 * line names the configuration (its PID, and its file when FileInstall made it) and what is wrong.
 * A configuration that names an existing store whose engine or configuration differs from it
 * changes nothing either: one WARNING line names the differences, and the existing store is kept
 * and opened as it is; data is never lost to a configuration. A configuration without
 * {@code engine} asks for no particular engine, so an existing store's engine never differs from
 * it. Values are compared as text, since configuration files give every value as text. A key whose
 * value is blank text counts as absent (a configuration tool may save an empty field so). Deleting
 * the configuration does not delete the store. The keys are described for configuration tools by
 * {@link StoreConfigurationSettings} (Metatype).
 *
 * <h2>Engines that come later</h2>
 * If its engine is not present yet, the store is created as soon as the multistore announces the
 * engine: this component adds itself as a listener of the multistore, and looks again at every
 * {@code ENGINE_ADDED} (also after the multistore moved to another root, where the store is then
 * created anew). It is not a whiteboard listener service, because it also references the
 * multistore, and the cycle would make Declarative Services log circular-reference errors whenever
 * the multistore restarts. A reason the store cannot be made yet is logged once, not at every look.
 *
 * <h2>Threads</h2>
 * Creating or opening the store calls its engine, which may be slow, so it never runs on the
 * Declarative Services thread or on the thread of an event: it runs on one thread of this
 * component (serially, in the order asked), which ends when idle and is shut down on deactivation.
 */
@Component(configurationPid = StoreConfiguration.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
@Designate(ocd = StoreConfigurationSettings.class, factory = true)
public final class StoreConfiguration implements StorageEventListener {

    /** The factory PID of store configurations. */
    public static final String FACTORY_PID = "dev.skeleton.storage.store";

    private static final System.Logger LOG = System.getLogger(StoreConfiguration.class.getName());

    private final MultiStore stores;
    private final String configurationName;
    private final String name;
    private final String engine;
    private final Config config;
    private final ExecutorService thread;
    /** What was last reported (a kind of failure, or the differences), so that each is logged once; guarded by {@code this}. */
    private String lastReport;
    private volatile boolean deactivated;

    /**
     * Reads the configuration and, if it names a valid store, creates or opens the store on this
     * component's thread.
     *
     * @param stores     the multistore
     * @param properties the configuration
     */
    @Activate
    public StoreConfiguration(@Reference MultiStore stores, Map<String, Object> properties) {
        this.stores = stores;
        this.configurationName = configurationName(properties);
        Object named = properties.get("name");
        this.name = named == null ? null : String.valueOf(named).strip();
        this.engine = properties.get("engine") == null ? null : String.valueOf(properties.get("engine")).strip();
        this.config = Config.of(engineKeys(properties));
        String refusal = refusal();
        if (refusal != null) {
            LOG.log(Level.ERROR, "store configuration " + configurationName + ": " + refusal + "; no store is created");
            this.thread = null;
            return;
        }
        this.thread = DaemonThreads.oneAtATime("store-configuration");
        stores.addListener(this);
        later();
    }

    /** The PID, and the file FileInstall made it from, for messages. */
    private static String configurationName(Map<String, Object> properties) {
        Object pid = properties.get("service.pid");
        Object file = properties.get("felix.fileinstall.filename");
        return (pid == null ? "(without PID)" : String.valueOf(pid)) + (file == null ? "" : " (" + file + ")");
    }

    /** The engine's keys: everything but name, engine, what a framework adds and blank values. */
    private static Map<String, Object> engineKeys(Map<String, Object> properties) {
        Map<String, Object> own = new HashMap<>(properties);
        own.remove("name");
        own.remove("engine");
        // What frameworks, DS and containers add (Config.isFrameworkKey) is no store configuration.
        // Private keys (".x") are passed on: an engine that does not know one says so.
        own.keySet().removeIf(Config::isFrameworkKey);
        // A configuration tool that shows the Metatype's keys may save the ones left empty as blank
        // text; given to the engine they would be refused, or refused as unknown by another engine.
        own.values().removeIf(value -> value instanceof String text && text.isBlank());
        return own;
    }

    /** What makes the configuration unusable, or null. */
    private String refusal() {
        if (name == null) {
            return "it has no name (the key \"name\" is missing)";
        }
        if (name.isEmpty()) {
            return "its name is blank";
        }
        try {
            stores.storeExists(name);
            return null;
        } catch (StorageException e) {
            return e.code() == ErrorCode.INVALID_ARGUMENT ? e.getMessage() : null;
        }
    }

    /** The configuration is gone (or the multistore): stop listening; the store stays. */
    @Deactivate
    void deactivate() {
        deactivated = true;
        if (thread != null) {
            stores.removeListener(this);
            thread.shutdown();
        }
    }

    /**
     * Looks again once an engine came: it may be the store's.
     *
     * @param e an event of the multistore
     */
    @Override
    public void onEvent(StorageEvent e) {
        if (e.type() == StorageEvent.Type.ENGINE_ADDED) {
            later();
        }
    }

    private void later() {
        try {
            thread.execute(this::ensureStore);
        } catch (RejectedExecutionException deactivated) {
            // The configuration is gone; nothing more to do.
        }
    }

    /** Creates the store, or opens it and reports how it differs from the configuration. */
    private synchronized void ensureStore() {
        if (deactivated) {
            return;
        }
        try {
            if (stores.storeExists(name)) {
                reportDifferences(stores.storeInfo(name));
                stores.getStore(name);
            } else {
                stores.createStore(name, engine, config);
            }
        } catch (StorageException e) {
            reportOnce(e.code().name(), "store configuration " + configurationName + ": store " + name + " (engine "
                    + (engine == null ? "default" : engine) + ") cannot be made yet: " + e.getMessage());
        }
    }

    private void reportDifferences(StoreInfo existing) {
        List<String> differences = differences(existing);
        if (!differences.isEmpty()) {
            String report = String.join("; ", differences);
            reportOnce(report, "store configuration " + configurationName + ": store " + name
                    + " exists with other settings (" + report
                    + "); the existing store is kept and opened as it is");
        }
    }

    /** How an existing store differs from this configuration, one phrase per difference. */
    private List<String> differences(StoreInfo existing) {
        List<String> differences = new ArrayList<>();
        if (engine != null && !engine.isEmpty() && !engine.equals(existing.engine())) {
            differences.add("engine " + existing.engine() + ", configured " + engine);
        }
        Map<String, Object> has = existing.config().asMap();
        Map<String, Object> wants = config.asMap();
        TreeSet<String> keys = new TreeSet<>(has.keySet());
        keys.addAll(wants.keySet());
        for (String key : keys) {
            String is = text(has.get(key));
            String configured = text(wants.get(key));
            if (!Objects.equals(is, configured)) {
                differences.add(key + " " + (is == null ? "unset" : is) + ", configured "
                        + (configured == null ? "unset" : configured));
            }
        }
        return differences;
    }

    private static String text(Object value) {
        return value == null ? null : String.valueOf(value).strip();
    }

    /** Logs a WARNING unless the last one was of the same kind: a store that waits for its engine says so once. */
    private void reportOnce(String kind, String report) {
        if (!kind.equals(lastReport)) {
            lastReport = kind;
            LOG.log(Level.WARNING, report);
        }
    }
}
