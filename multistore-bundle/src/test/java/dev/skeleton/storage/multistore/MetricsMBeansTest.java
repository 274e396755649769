package dev.skeleton.storage.multistore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.MultiStoreConfig;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.memory.MemoryEngine;
import dev.skeleton.storage.multistore.metrics.MetricsMBeans;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.management.Attribute;
import javax.management.AttributeNotFoundException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.ReflectionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The multistore's MBeans in the platform MBean server, as JConsole and Karaf's JMX see them. */
class MetricsMBeansTest extends MultiStoreTestSupport {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @TempDir
    Path otherRoot;

    @Test
    void everyStoreAndEngineHasAnMBeanUnderTheDomain() throws Exception {
        stores.createStore("users", MEMORY, null);
        Store users = stores.getStore("users");
        users.set(bytes("alice"), bytes("admin"));
        users.get(bytes("alice"));

        ObjectName store = stores.storeMBeanName("users");
        assertEquals(MetricsMBeans.DOMAIN, store.getDomain());
        assertEquals("Store", store.getKeyProperty("type"));
        assertEquals(1L, server.getAttribute(store, "operations.set"));
        assertEquals(1L, server.getAttribute(store, "operations.get"));
        assertEquals(5L, server.getAttribute(store, "bytes_read"));
        assertEquals(true, server.getAttribute(store, "available"));
        assertEquals(MEMORY, server.getAttribute(store, "engine"));
        assertEquals(1L, server.getAttribute(store, "engine.entries"), "the memory engine's own metric");
        List<String> names = Arrays.stream(server.getMBeanInfo(store).getAttributes())
                .map(MBeanAttributeInfo::getName).toList();
        assertTrue(names.containsAll(List.of("operations.commit", "latency.reads.p99_nanos", "versions")),
                names::toString);
        assertEquals(2, server.getAttributes(store, new String[] {"available", "nothing"}).size() + 1);

        ObjectName engine = stores.engineMBeanName(MEMORY);
        assertEquals(true, server.getAttribute(engine, "present"));
        assertEquals(1L, server.getAttribute(engine, "stores"));
        assertEquals(1L, server.getAttribute(engine, "operations.set"));
    }

    @Test
    void theMBeansAreReadOnly() throws Exception {
        stores.createStore("users", MEMORY, null);
        ObjectName store = stores.storeMBeanName("users");
        assertThrows(AttributeNotFoundException.class, () -> server.getAttribute(store, "nothing"));
        assertThrows(AttributeNotFoundException.class, () -> server.setAttribute(store, new Attribute("versions", 3L)));
        assertTrue(server.setAttributes(store, new javax.management.AttributeList()).isEmpty());
        assertThrows(ReflectionException.class, () -> server.invoke(store, "reset", null, null));
    }

    @Test
    void mbeansComeAndGoWithStoresEnginesAndTheMultiStore() throws Exception {
        stores.createStore("gone", MEMORY, null);
        stores.createStore("kept", PERSISTENT, null);
        ObjectName gone = stores.storeMBeanName("gone");
        ObjectName kept = stores.storeMBeanName("kept");
        assertTrue(server.isRegistered(gone));
        stores.deleteStore("gone");
        assertFalse(server.isRegistered(gone));

        stores.unregisterEngine(PERSISTENT);
        assertFalse(server.isRegistered(stores.engineMBeanName(PERSISTENT)));
        assertTrue(server.isRegistered(kept), "a store waiting for its engine keeps its MBean");
        assertEquals(false, server.getAttribute(kept, "available"));

        stores.close();
        assertFalse(server.isRegistered(kept));
        assertFalse(server.isRegistered(stores.engineMBeanName(MEMORY)));

        DefaultMultiStore restarted = newMultiStore();
        assertTrue(server.isRegistered(restarted.storeMBeanName("kept")), "known from the catalog");
    }

    @Test
    void aSecondMultiStoreInTheProcessNamesItsMBeansApart() throws Exception {
        DefaultMultiStore other = track(new DefaultMultiStore(MultiStoreConfig.of(otherRoot)));
        other.registerEngine(new MemoryEngine());
        other.createStore("users", MEMORY, null);
        stores.createStore("users", MEMORY, null);
        stores.getStore("users").set(bytes("a"), bytes("b"));

        ObjectName mine = stores.storeMBeanName("users");
        ObjectName theirs = other.storeMBeanName("users");
        assertNotEquals(mine, theirs);
        assertEquals(1L, server.getAttribute(mine, "operations.set"));
        assertEquals(0L, server.getAttribute(theirs, "operations.set"));
        assertTrue(theirs.getKeyProperty("instance") != null || mine.getKeyProperty("instance") != null);
    }

    @Test
    void namesThatAreNotPlainWordsAreQuoted() {
        try (MetricsMBeans mbeans = MetricsMBeans.claim()) {
            ObjectName name = mbeans.engineName("a,b=c");
            assertEquals("a,b=c", ObjectName.unquote(name.getKeyProperty("name")));
            assertEquals("users", mbeans.storeName("users").getKeyProperty("name"));
        }
    }
}
