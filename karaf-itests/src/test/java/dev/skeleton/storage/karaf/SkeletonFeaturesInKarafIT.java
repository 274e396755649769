package dev.skeleton.storage.karaf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The runtime's {@code features.xml} in a real Apache Karaf, driven through Karaf's console as a user
 * drives it: the features are added and installed from the runtime's {@code repository/} folder alone
 * (pax-url sees neither {@code ~/.m2} nor any remote repository), a store is used, the file engine's
 * bundle is stopped and started, Karaf is restarted, and the features are uninstalled without leaving
 * a bundle or an error behind. The store's metrics are read through Karaf's JMX, as JConsole reads them,
 * and no MBean of ours is left once the features are gone.
 *
 * <p>The store is named {@code log}, like the folder of Karaf's own log in {@code data/}: the feature's
 * configuration must keep the stores in {@code data/skeleton}, out of Karaf's folders.
 *
 * <p>Needs the runtime module packaged ({@code runtime/target/skeleton}) and the distribution unpacked
 * by this module's build; the system properties name both.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class SkeletonFeaturesInKarafIT {

    private static final Duration START = Duration.ofSeconds(120);
    private static final Duration STOP = Duration.ofSeconds(60);
    private static final String STORE = "log";
    private static final String FILE_ENGINE_BUNDLE = "dev.skeleton.storage.file";
    private static final String OUR_MBEANS = "dev.skeleton.storage:*";
    private static final String STORE_MBEAN = "dev.skeleton.storage:type=Store,name=" + STORE;
    private static final String FILE_ENGINE_MBEAN = "dev.skeleton.storage:type=Engine,name=file";

    private final Path layout = Path.of(System.getProperty("skeleton.runtime.layout"));
    private final Path work = Path.of(System.getProperty("karaf.it.work"));
    /**
     * Karaf 4.3 (R7, run with {@code -Dkaraf.version=4.3.10}) has no Declarative Services until its
     * {@code scr} feature is installed, from Maven Central: the README's extra step for it.
     */
    private final boolean karafWithoutScr = System.getProperty("karaf.version", "").startsWith("4.3.");
    private final long started = System.nanoTime();
    private KarafInstance karaf;
    private KarafClient console;
    private int rmiRegistryPort;
    private int rmiServerPort;

    @RegisterExtension
    final TestWatcher logOnFailure = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            if (karaf != null) {
                System.out.println("--- the end of " + karaf.data().resolve("log/karaf.log") + " ---\n"
                        + karaf.log().tail(80));
            }
        }
    };

    @BeforeEach
    void freshKaraf() throws IOException {
        assertTrue(Files.isRegularFile(layout.resolve("features.xml")),
                "no features.xml in " + layout + ": package the runtime module first");
        karaf = KarafInstance.copyOf(Path.of(System.getProperty("karaf.distribution")), work.resolve("instance"));
        List<Integer> ports = FreePorts.take(3);
        KarafEtc etc = new KarafEtc(karaf.etc());
        etc.enableKarafUser();
        rmiRegistryPort = ports.get(1);
        rmiServerPort = ports.get(2);
        etc.listenOn(ports.get(0), rmiRegistryPort, rmiServerPort);
        etc.isolateMaven(work.resolve("m2-empty"), karafWithoutScr ? "https://repo1.maven.org/maven2@id=central" : "");
        System.out.println("pax-url default repository added: " + etc.addRepository(layout.resolve("repository")));
        etc.fullLoggerNames();
        console = new KarafClient(karaf.home(), ports.get(0));
    }

    @AfterEach
    void killKaraf() {
        if (karaf != null) {
            karaf.close();
        }
    }

    @Test
    void theFeaturesInstallServeStoresThatOutliveARestartAndUninstallCleanly() throws Exception {
        karaf.start();
        console.await(START, output -> output.contains("standard-"), "feature:repo-list");
        phase("Karaf started");

        install();
        phase("features installed");

        String created = console.require("store:create " + STORE, "store:set " + STORE + " k v1",
                "echo (store:get " + STORE + " k)", "echo (store:info " + STORE + ")");
        assertTrue(created.contains("v1"), created);
        assertTrue(Pattern.compile("engine:\\s+file").matcher(created).find(), "a file store by default:\n" + created);
        assertTrue(created.contains(karaf.data().resolve("skeleton").resolve(STORE).toString()), created);
        phase("store created and written");

        theMetricsShowInKarafsJmx();
        phase("metrics read through Karaf's JMX");

        // A user's mistake is one line for the user, not an ERROR with a stack trace in karaf.log
        // (checked at the end with the other errors): Karaf logs only a CommandException at DEBUG.
        KarafClient.Result missing = console.run("store:get " + STORE + " missing");
        assertTrue(missing.output().contains("KEY_NOT_FOUND"), missing.output());
        String help = console.require("store:get --help");
        assertTrue(help.contains("usage: store:get [-x|--hex] <store> <key>"), help);

        bounceTheFileEngine();
        phase("file engine stopped and started");

        karaf.stop(STOP);
        phase("Karaf stopped");
        karaf.start();
        // Wait with store:stores, which lists an unavailable store where store:get would fail (and Karaf
        // would log that failure as an error).
        Pattern available = Pattern.compile("(?m)^" + STORE + "\\s+file\\s+available");
        console.await(START, output -> available.matcher(output).find(), "echo (store:stores)");
        String afterRestart = console.require("echo (store:get " + STORE + " k)");
        assertTrue(afterRestart.strip().endsWith("v1"), afterRestart);
        phase("Karaf restarted, key read back");

        theStoresHaveAFolderOfTheirOwn();
        uninstall();
        noMBeanIsLeft();
        karaf.stop(STOP);
        phase("features uninstalled, Karaf stopped");

        assertEquals(List.of(), karaf.log().entries("ERROR", "skeleton"), "errors in karaf.log that name our bundles");
        karaf.log().entries("WARN", "skeleton").forEach(warning -> System.out.println("karaf.log warning: " + warning));
        // Our bundles come from the runtime's folder alone; only Karaf 4.3's scr may be downloaded.
        Path fetched = work.resolve("m2-empty");
        if (karafWithoutScr) {
            assertFalse(Files.exists(fetched.resolve("dev/skeleton")), "pax-url fetched our bundles");
        } else {
            try (Stream<Path> downloaded = Files.list(fetched)) {
                assertEquals(List.of(), downloaded.toList(), "pax-url fetched into its local repository");
            }
        }
    }

    /** The README's steps: the features repository from the runtime's folder, then both features. */
    private void install() throws Exception {
        if (karafWithoutScr) {
            console.require("feature:install scr");
        }
        String installed = console.require("feature:repo-add " + layout.resolve("features.xml").toUri(),
                "feature:install skeleton-storage skeleton-storage-shell", "feature:list -i");
        assertTrue(installed.contains("skeleton-storage-shell"), installed);
        Path file = karaf.etc().resolve("dev.skeleton.storage.multistore.cfg");
        assertTrue(Files.isRegularFile(file), "Karaf wrote no configuration from the feature's <config> to " + file);
        String config = Files.readString(file);
        assertTrue(config.contains("root.path = ${karaf.data}/skeleton"), "the feature's configuration:\n" + config);
    }

    /**
     * The store's and the file engine's MBeans, through Karaf's JMX as the user {@code karaf}: its
     * {@code viewer} role is what Karaf's {@code jmx.acl.cfg} asks for reading attributes.
     */
    private void theMetricsShowInKarafsJmx() throws Exception {
        try (KarafJmx jmx = connectToJmx()) {
            // The same query that must find nothing after the uninstall finds both here.
            Set<ObjectName> ours = jmx.names(OUR_MBEANS);
            assertTrue(ours.containsAll(Set.of(new ObjectName(STORE_MBEAN), new ObjectName(FILE_ENGINE_MBEAN))),
                    "the store's and the file engine's MBeans among " + ours);
            assertEquals(Boolean.TRUE, jmx.attribute(STORE_MBEAN, "available"));
            assertEquals("file", jmx.attribute(STORE_MBEAN, "engine"));
            // The store:set and store:get above.
            long sets = count(jmx, STORE_MBEAN, "operations.set");
            long gets = count(jmx, STORE_MBEAN, "operations.get");
            assertTrue(sets >= 1, "operations.set = " + sets);
            assertTrue(gets >= 1, "operations.get = " + gets);
            System.out.println("karaf-itests: through " + KarafJmx.serviceUrl(rmiRegistryPort, rmiServerPort) + ": "
                    + STORE_MBEAN + " operations.set = " + sets + ", operations.get = " + gets + "; " + FILE_ENGINE_MBEAN
                    + " stores = " + jmx.attribute(FILE_ENGINE_MBEAN, "stores"));
        }
    }

    private static long count(KarafJmx jmx, String mbean, String attribute) throws Exception {
        Object value = jmx.attribute(mbean, attribute);
        assertTrue(value instanceof Long, mbean + " " + attribute + " is not a Long: " + value);
        return (Long) value;
    }

    /** The multistore and the engines gone, so are their MBeans: none is left for JConsole to show. */
    private void noMBeanIsLeft() throws Exception {
        try (KarafJmx jmx = connectToJmx()) {
            assertEquals(Set.of(), jmx.names(OUR_MBEANS), "MBeans left after uninstall");
        }
    }

    /** A new connection each time: one does not outlive a restart of Karaf. */
    private KarafJmx connectToJmx() throws Exception {
        return KarafJmx.connect(rmiRegistryPort, rmiServerPort, "karaf", "karaf");
    }

    private void bounceTheFileEngine() throws Exception {
        String bounced = console.require("bundle:stop " + FILE_ENGINE_BUNDLE, "echo (store:stores)",
                "bundle:start " + FILE_ENGINE_BUNDLE, "echo (store:get " + STORE + " k)");
        assertTrue(bounced.contains("unavailable"), "the store, its engine stopped:\n" + bounced);
        assertTrue(bounced.strip().endsWith("v1"), "the key, its engine back:\n" + bounced);
    }

    /** The store is in data/skeleton/log; data/ itself and Karaf's data/log hold nothing of the stores. */
    private void theStoresHaveAFolderOfTheirOwn() throws IOException {
        Path data = karaf.data();
        assertTrue(Files.isDirectory(data.resolve("skeleton").resolve(STORE)), "the store's folder");
        try (Stream<Path> files = Files.list(data.resolve("log"))) {
            List<String> names = files.map(file -> file.getFileName().toString()).toList();
            assertTrue(names.stream().allMatch(name -> name.startsWith("karaf.log") || name.startsWith("security.log")),
                    "Karaf's log folder holds only its logs: " + names);
        }
        assertFalse(Files.exists(data.resolve(".multistore.lock")), "the multistore's lock in Karaf's data/");
        assertFalse(Files.exists(data.resolve("catalog.txt")), "the multistore's catalog in Karaf's data/");
    }

    /** Both features uninstalled: then no bundle of ours (by symbolic name) and no feature of ours is left. */
    private void uninstall() throws Exception {
        String left = console.require("feature:uninstall skeleton-storage-shell skeleton-storage", "bundle:list -t 0 -s",
                "feature:list -i");
        assertFalse(left.contains("dev.skeleton"), "our bundles left after uninstall:\n" + left);
        assertFalse(left.contains("skeleton-storage"), "features left installed:\n" + left);
    }

    private void phase(String name) {
        System.out.printf("karaf-itests: %-40s at %5.1f s%n", name, (System.nanoTime() - started) / 1e9);
    }
}
