package dev.skeleton.storage.multistore.metrics;

import java.util.Map;
import java.util.function.Supplier;
import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.AttributeNotFoundException;
import javax.management.DynamicMBean;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanException;
import javax.management.MBeanInfo;
import javax.management.ReflectionException;

/**
 * A read-only MBean whose attributes are a map of figures read anew at every access: the store's
 * or engine's stats flattened by {@link StatsAttributes}. A dynamic MBean rather than an MXBean
 * interface because engine-specific metrics have names only the engine knows.
 *
 * <p>Thread-safe: holds only the supplier, which is.
 */
final class AttributesMBean implements DynamicMBean {

    private final String description;
    private final Supplier<Map<String, Object>> attributes;

    AttributesMBean(String description, Supplier<Map<String, Object>> attributes) {
        this.description = description;
        this.attributes = attributes;
    }

    private Map<String, Object> read() throws MBeanException {
        try {
            return attributes.get();
        } catch (RuntimeException e) {
            // A store deleted while JConsole still shows it: say so rather than fail the connector.
            throw new MBeanException(e, e.getMessage());
        }
    }

    @Override
    public Object getAttribute(String attribute) throws AttributeNotFoundException, MBeanException {
        Map<String, Object> now = read();
        if (!now.containsKey(attribute)) {
            throw new AttributeNotFoundException("no attribute " + attribute + " (" + description + ")");
        }
        return now.get(attribute);
    }

    @Override
    public AttributeList getAttributes(String[] names) {
        AttributeList list = new AttributeList();
        Map<String, Object> now;
        try {
            now = read();
        } catch (MBeanException e) {
            return list;
        }
        for (String name : names) {
            if (now.containsKey(name)) {
                list.add(new Attribute(name, now.get(name)));
            }
        }
        return list;
    }

    @Override
    public void setAttribute(Attribute attribute) throws AttributeNotFoundException {
        throw new AttributeNotFoundException(attribute.getName() + " is read-only (" + description + ")");
    }

    @Override
    public AttributeList setAttributes(AttributeList attributes) {
        return new AttributeList();
    }

    @Override
    public Object invoke(String actionName, Object[] params, String[] signature) throws ReflectionException {
        throw new ReflectionException(new NoSuchMethodException(actionName),
                "no operations: " + description + " is read-only");
    }

    @Override
    public MBeanInfo getMBeanInfo() {
        Map<String, Object> now;
        try {
            now = read();
        } catch (MBeanException e) {
            now = Map.of();
        }
        MBeanAttributeInfo[] infos = now.entrySet().stream()
                .map(entry -> new MBeanAttributeInfo(entry.getKey(), entry.getValue().getClass().getName(),
                        entry.getKey(), true, false, false))
                .toArray(MBeanAttributeInfo[]::new);
        return new MBeanInfo(getClass().getName(), description, infos, null, null, null);
    }
}
