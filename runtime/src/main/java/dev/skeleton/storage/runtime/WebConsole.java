package dev.skeleton.storage.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The web console ({@code --web}): Felix HTTP on Jetty, the Felix Web Console with the health
 * checks' page and the storage page, listening on one address, behind the user and password of
 * {@code etc/} (see {@link WebCredentials}).
 *
 * <p>Off by default, and then absent: the bundles of {@link StartLevel#WEB} are not even installed,
 * so the platform has no HTTP server and starts as fast as without them. On, they are installed
 * and the two Servlet API bundles that stand in for the web stack while it is off are not:
 * {@value #JAKARTA_SERVLET_API} and {@value #SERVLET_WHITEBOARD_API}, which the health checks need
 * (their servlet's API) and which the web stack exports itself, so that every bundle sees one
 * exporter of each package.
 *
 * <p>Jetty reads its address from the framework properties and starts listening synchronously as
 * its bundle starts; the console reads its user and password from the framework properties too,
 * before it registers its servlet. Both are in place before the first request can arrive.
 *
 * <p>Immutable.
 */
final class WebConsole {

    /** The Jakarta Servlet API bundle the health checks use while there is no web stack. */
    static final String JAKARTA_SERVLET_API = "jakarta.servlet-api";
    /** The Servlet Whiteboard API bundle the health checks use while there is no web stack. */
    static final String SERVLET_WHITEBOARD_API = "org.osgi.service.servlet";
    /** The storage page's bundle; without it the banner points at the console's start page. */
    static final String STORAGE_PAGE_BUNDLE = "dev.skeleton.storage.webconsole";
    /** Where the Felix Web Console lives. */
    static final String CONSOLE_PATH = "/system/console";
    private static final Set<String> STAND_INS = Set.of(JAKARTA_SERVLET_API, SERVLET_WHITEBOARD_API);
    /** What the console cannot be without: HTTP and the Web Console itself. */
    private static final List<String> REQUIRED = List.of("org.apache.felix.http.jetty", "org.apache.felix.webconsole");
    /** Jetty registers it once it listens. */
    static final String HTTP_RUNTIME = "org.osgi.service.servlet.runtime.HttpServiceRuntime";
    private static final Duration LISTENING = Duration.ofSeconds(5);

    private final WebAddress address;
    private final WebCredentials credentials;

    /**
     * The web console at an address.
     *
     * @param address     where it listens
     * @param credentials its user and password
     */
    WebConsole(WebAddress address, WebCredentials credentials) {
        this.address = address;
        this.credentials = credentials;
    }

    /**
     * Whether a platform bundle is installed.
     *
     * @param bundle the bundle
     * @param on     whether the web console is on
     * @return false for the web stack when the console is off, and for its stand-ins when it is on
     */
    static boolean installs(PlatformBundle bundle, boolean on) {
        return on ? !STAND_INS.contains(bundle.symbolicName()) : bundle.startLevel() != StartLevel.WEB;
    }

    /**
     * Fails when the bundles folder lacks the web stack (a bundles folder of one's own, given with
     * {@code --bundles}).
     *
     * @param bundles the platform bundles
     * @param folder  their folder, for the message
     * @throws LaunchException {@link ExitStatus#START_FAILED} naming the missing bundles
     */
    static void requireBundles(PlatformBundles bundles, Path folder) throws LaunchException {
        List<String> missing = REQUIRED.stream().filter(name -> !bundles.contains(name)).toList();
        if (!missing.isEmpty()) {
            throw new LaunchException(ExitStatus.START_FAILED, "--web needs the web console's bundles, and " + folder
                    + " lacks " + String.join(", ", missing));
        }
    }

    /**
     * Fails early, with a clear message, when the address cannot be listened on (another program
     * has the port): Jetty would only log it. Another program may still take the port before
     * Jetty does: {@link #awaitListening} tells then.
     *
     * @param address the address
     * @throws LaunchException {@link ExitStatus#START_FAILED} naming the address and the cause
     */
    static void requireFree(WebAddress address) throws LaunchException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address.host(), address.port()));
        } catch (IOException | IllegalArgumentException | SecurityException e) {
            throw new LaunchException(ExitStatus.START_FAILED, "the web console cannot listen on " + address.host()
                    + " port " + address.port() + ": " + e.getMessage()
                    + " (another program on that port? choose another with --web <port>)", e);
        }
    }

    /**
     * The framework properties that configure Jetty and the console. Jetty's other settings
     * ({@code org.apache.felix.http.*}, {@code org.apache.felix.https.*}, {@code org.apache.felix.jetty.*})
     * pass through from the system properties (see {@link FrameworkProperties}); these win over them.
     *
     * @return Jetty's address (HTTP on), the console's user and password hash
     */
    Map<String, String> frameworkProperties() {
        Map<String, String> properties = new TreeMap<>();
        properties.put("org.osgi.service.http.port", Integer.toString(address.port()));
        properties.put("org.apache.felix.http.host", address.host());
        properties.put("org.apache.felix.http.enable", "true");
        properties.put("felix.webconsole.username", credentials.user());
        properties.put("felix.webconsole.password", credentials.passwordHash());
        return properties;
    }

    /**
     * Waits for Jetty's runtime service, which it registers once it listens (its bundle is started
     * by then: a failure to listen has been logged already).
     *
     * @param context the system bundle's context
     * @return the endpoints Jetty reports, for messages
     * @throws LaunchException {@link ExitStatus#START_FAILED} if Jetty does not listen
     */
    String awaitListening(BundleContext context) throws LaunchException {
        return awaitListening(context, LISTENING);
    }

    /** {@link #awaitListening(BundleContext)} with a timeout of one's own, for tests. */
    String awaitListening(BundleContext context, Duration timeout) throws LaunchException {
        try {
            ServiceReference<?> runtime = ServiceWait.await(context, "(objectClass=" + HTTP_RUNTIME + ")", timeout,
                    "the web console's HTTP server");
            Object endpoints = runtime.getProperty("osgi.http.endpoint");
            return endpoints instanceof String[] list ? String.join(", ", Arrays.asList(list)) : String.valueOf(endpoints);
        } catch (LaunchException e) {
            throw new LaunchException(ExitStatus.START_FAILED, "the web console does not listen on "
                    + address.host() + " port " + address.port() + " (see the error above)", e);
        }
    }

    /**
     * The banner's line: where to point a browser and where the password is.
     *
     * @param storagePage whether the storage page's bundle is there
     * @return such as {@code http://127.0.0.1:8080/system/console/storage  (user admin, password in ...)}
     */
    String describe(boolean storagePage) {
        return address.url(CONSOLE_PATH + (storagePage ? "/storage" : "")) + "  (" + credentials.describe() + ")";
    }
}
