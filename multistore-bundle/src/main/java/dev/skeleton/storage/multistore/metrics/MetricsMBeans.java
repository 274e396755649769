package dev.skeleton.storage.multistore.metrics;

import java.lang.management.ManagementFactory;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/**
 * The MBeans of one multistore in the platform MBean server, under the domain {@value #DOMAIN}:
 * {@code dev.skeleton.storage:type=Store,name=<store>} for every store the multistore knows and
 * {@code dev.skeleton.storage:type=Engine,name=<engine>} for every engine registered with it.
 * Names that are not plain words are quoted ({@link ObjectName#quote}).
 *
 * <p>One multistore per process is the usual case, and its names carry nothing else. A second
 * multistore open at the same time (tests, two roots) adds {@code instance=<n>} to its names, so
 * that neither hides the other; numbers are reused once their multistore has closed.
 *
 * <p>A failure to register is logged and otherwise ignored: metrics are never a reason for a store
 * operation to fail. Thread-safe: every method is synchronized on this object, and none calls an
 * attribute supplier (the MBean server does, on its own threads).
 */
public final class MetricsMBeans implements AutoCloseable {

    /** The JMX domain of every MBean of the platform. */
    public static final String DOMAIN = "dev.skeleton.storage";

    private static final System.Logger LOG = System.getLogger(MetricsMBeans.class.getName());
    /** Instance numbers of the multistores open now; guarded by the class. */
    private static final Set<Integer> CLAIMED = new HashSet<>();

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final int instance;
    private final Set<ObjectName> registered = new TreeSet<>();
    private boolean closed;

    private MetricsMBeans(int instance) {
        this.instance = instance;
    }

    /** The MBeans of a multistore being opened, with the lowest instance number free. */
    public static MetricsMBeans claim() {
        synchronized (MetricsMBeans.class) {
            int number = 1;
            while (CLAIMED.contains(number)) {
                number++;
            }
            CLAIMED.add(number);
            return new MetricsMBeans(number);
        }
    }

    /**
     * The object name of a store's MBean.
     *
     * @param store the store's name
     * @return its name in JMX
     */
    public ObjectName storeName(String store) {
        return objectName("Store", store);
    }

    /**
     * The object name of an engine's MBean.
     *
     * @param engine the engine's name
     * @return its name in JMX
     */
    public ObjectName engineName(String engine) {
        return objectName("Engine", engine);
    }

    private ObjectName objectName(String type, String name) {
        String quoted = name.matches("[A-Za-z0-9_.-]+") ? name : ObjectName.quote(name);
        String suffix = instance == 1 ? "" : ",instance=" + instance;
        try {
            return new ObjectName(DOMAIN + ":type=" + type + ",name=" + quoted + suffix);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException("cannot name the MBean of " + type + " " + name, e);
        }
    }

    /**
     * Registers (or replaces) a store's MBean.
     *
     * @param store      the store's name
     * @param attributes reads its figures
     */
    public void registerStore(String store, Supplier<Map<String, Object>> attributes) {
        register(storeName(store), new AttributesMBean("store " + store, attributes));
    }

    /**
     * Registers (or replaces) an engine's MBean.
     *
     * @param engine     the engine's name
     * @param attributes reads its figures
     */
    public void registerEngine(String engine, Supplier<Map<String, Object>> attributes) {
        register(engineName(engine), new AttributesMBean("engine " + engine, attributes));
    }

    /** Removes a store's MBean, if registered. */
    public void unregisterStore(String store) {
        unregister(storeName(store));
    }

    /** Removes an engine's MBean, if registered. */
    public void unregisterEngine(String engine) {
        unregister(engineName(engine));
    }

    private synchronized void register(ObjectName name, AttributesMBean bean) {
        if (closed) {
            return;
        }
        try {
            if (registered.contains(name)) {
                server.unregisterMBean(name);
                registered.remove(name);
            }
            server.registerMBean(bean, name);
            registered.add(name);
        } catch (InstanceAlreadyExistsException e) {
            LOG.log(System.Logger.Level.WARNING, "the MBean " + name + " belongs to someone else; this one is not"
                    + " shown in JMX");
        } catch (JMException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot register the MBean " + name + ": " + e);
        }
    }

    private synchronized void unregister(ObjectName name) {
        if (!registered.remove(name)) {
            return;
        }
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException e) {
            // Someone unregistered it through the server: nothing left to do.
        } catch (JMException | RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "cannot unregister the MBean " + name + ": " + e);
        }
    }

    /** Removes every MBean of this multistore and frees its instance number; idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            for (ObjectName name : Set.copyOf(registered)) {
                unregister(name);
            }
            closed = true;
        }
        synchronized (MetricsMBeans.class) {
            CLAIMED.remove(instance);
        }
    }
}
