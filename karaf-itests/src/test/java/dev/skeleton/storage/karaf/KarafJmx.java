package dev.skeleton.storage.karaf;

import java.io.IOException;
import java.net.MalformedURLException;
import java.util.Map;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * Karaf's remote JMX, reached as JConsole reaches it: the RMI connector Karaf's management bundle
 * starts on the ports of {@code etc/org.apache.karaf.management.cfg}, at
 * {@code service:jmx:rmi://host:rmiServerPort/jndi/rmi://host:rmiRegistryPort/karaf-<karaf.name>}, logged
 * in as a user of Karaf's {@code karaf} JAAS realm.
 *
 * <p>What is read goes through Karaf's JMX guard, so it proves the user's roles suffice: reading an
 * attribute is the operation {@code get<attribute>} (or {@code is<attribute>}) of Karaf's
 * {@code etc/jmx.acl*.cfg}, which the distribution grants to {@code viewer}; listing names is not
 * guarded.
 *
 * <p>One connection, closed by {@link #close}; not thread safe. A connection does not outlive a
 * restart of Karaf: open a new one.
 */
final class KarafJmx implements AutoCloseable {

    /** The instance name of a Karaf that has not been renamed ({@code karaf.name} in {@code etc/system.properties}). */
    private static final String ROOT_INSTANCE = "root";

    private final JMXConnector connector;
    private final MBeanServerConnection server;

    private KarafJmx(JMXConnector connector) throws IOException {
        this.connector = connector;
        this.server = connector.getMBeanServerConnection();
    }

    /**
     * Karaf's JMX service URL on the loopback address, for the root instance.
     *
     * @param rmiRegistry the RMI registry port ({@code rmiRegistryPort})
     * @param rmiServer   the RMI server port ({@code rmiServerPort})
     * @return the URL, as a user types it into JConsole
     */
    static String serviceUrl(int rmiRegistry, int rmiServer) {
        return "service:jmx:rmi://127.0.0.1:" + rmiServer + "/jndi/rmi://127.0.0.1:" + rmiRegistry
                + "/karaf-" + ROOT_INSTANCE;
    }

    /**
     * Connects and logs in.
     *
     * @param rmiRegistry the RMI registry port
     * @param rmiServer   the RMI server port
     * @param user        a user of Karaf's realm, with at least one role
     * @param password    the user's password
     * @return the connection
     * @throws IOException       if Karaf cannot be reached
     * @throws SecurityException if Karaf refuses the login
     */
    static KarafJmx connect(int rmiRegistry, int rmiServer, String user, String password) throws IOException {
        JMXServiceURL url;
        try {
            url = new JMXServiceURL(serviceUrl(rmiRegistry, rmiServer));
        } catch (MalformedURLException e) {
            throw new IllegalArgumentException("no JMX service URL for ports " + rmiRegistry + ", " + rmiServer, e);
        }
        Map<String, Object> environment = Map.of(JMXConnector.CREDENTIALS, new String[] {user, password});
        return new KarafJmx(JMXConnectorFactory.connect(url, environment));
    }

    /**
     * The names that match a pattern, such as {@code domain:*}.
     *
     * @param pattern an object name or pattern
     * @return the registered names that match
     * @throws IOException if the connection fails
     */
    Set<ObjectName> names(String pattern) throws IOException {
        return server.queryNames(name(pattern), null);
    }

    /**
     * One attribute of an MBean, read through Karaf's guard.
     *
     * @param name      the MBean's object name
     * @param attribute the attribute's name
     * @return its value
     * @throws IOException       if the connection fails
     * @throws JMException       if there is no such MBean or attribute
     * @throws SecurityException if the user's roles do not allow the read
     */
    Object attribute(String name, String attribute) throws IOException, JMException {
        return server.getAttribute(name(name), attribute);
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException("not an object name: " + name, e);
        }
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
