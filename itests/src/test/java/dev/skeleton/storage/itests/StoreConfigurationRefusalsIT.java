package dev.skeleton.storage.itests;

import static dev.skeleton.storage.itests.SkeletonOptions.configAdmin;
import static dev.skeleton.storage.itests.SkeletonOptions.frameworkWithScr;
import static dev.skeleton.storage.itests.SkeletonOptions.multistoreRootFor;
import static dev.skeleton.storage.itests.SkeletonOptions.reactorBundle;
import static dev.skeleton.storage.itests.SkeletonOptions.storageBundles;
import static dev.skeleton.storage.itests.StorageAsserts.assertValue;
import static dev.skeleton.storage.itests.StorageAsserts.utf8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.ops4j.pax.exam.CoreOptions.options;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StoreInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * Defect 7 of issue 15: store configurations (factory PID {@value #STORE_FACTORY_PID}) that cannot
 * be applied are refused out loud and change nothing.
 *
 * <ul>
 * <li>Without {@code name}: no store is created (none called {@code null} either), and a one-line
 * WARNING (or ERROR) identifies the configuration and says that the name is missing.</li>
 * <li>Naming an existing store with another engine, or with other engine keys: the store stays as
 * it was (engine, configuration, data), and a one-line WARNING names the store and what
 * conflicts (the engine, the key).</li>
 * </ul>
 *
 * <p>A configuration is processed by ConfigAdmin, Declarative Services and the multistore on their
 * own threads. Each test therefore adds a valid "sentinel" configuration after the one under test,
 * waits for its store and watches a further half second that no store called {@code null}
 * appears; then it waits for the report of the refused configuration (so that it has been
 * processed) before it checks that nothing changed.
 *
 * <p>Decision: "reported" is read as a WARNING or worse through the bundles' logging (what the
 * runtime prints on its console), one line without a stack trace; the test requires the words that
 * identify the problem, the wording is left to the multistore. The configurations' aliases (which
 * appear in their PIDs, and so in reports) contain none of the words looked for.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StoreConfigurationRefusalsIT {

    private static final String STORE_FACTORY_PID = "dev.skeleton.storage.store";
    /** How long a refused configuration is watched for effects after the sentinel's store came. */
    private static final long WATCH_MS = 500;

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    private MultiStore stores;

    @Configuration
    public Option[] config() {
        Workspace.clean(getClass());
        return options(frameworkWithScr(), configAdmin(), storageBundles(), reactorBundle("file-bundle"),
                multistoreRootFor(getClass()));
    }

    @Before
    public void multiStore() {
        stores = Osgi.multiStoreAt(context, Workspace.root(getClass()));
        Osgi.eventually(() -> assertEquals(List.of("file", "memory"), stores.listEngines()));
    }

    @Test
    public void aConfigurationWithoutNameCreatesNoStoreAndSaysSo() throws Exception {
        List<String> before = stores.listStores();
        try (WarningLog warnings = WarningLog.capture()) {
            org.osgi.service.cm.Configuration anonymous = configuration("anonymous", null, "memory");
            try {
                processedOnceTheSentinelIsThere("after-nameless");
                warnings.awaitOneLineNaming("anonymous", "name");

                List<String> expected = new ArrayList<>(before);
                expected.add("after-nameless");
                Collections.sort(expected);
                assertEquals("stores after a configuration without name", expected, stores.listStores());
                assertFalse("a store called null", stores.storeExists("null"));
                assertFalse("a Store service called null",
                        Osgi.reference(context, dev.skeleton.storage.Store.class, "(store.name=null)").isPresent());
            } finally {
                anonymous.delete();
            }
        }
    }

    @Test
    public void aConfigurationNamingAStoreOfAnotherEngineLeavesItAsItWasAndSaysSo() throws Exception {
        assertConflictLeavesStoreAsItWas("clash-a", "orders", "file", "file");
    }

    @Test
    public void aConfigurationNamingAStoreWithOtherKeysLeavesItAsItWasAndSaysSo() throws Exception {
        assertConflictLeavesStoreAsItWas("clash-b", "invoices", "memory", "max_versions", "max_versions", 7);
    }

    /** Sanity check of the capture: a store configuration's warning (this one existed before) is seen. */
    @Test
    public void aConfigurationWithAnUnknownEngineKeyIsReportedInOneLine() throws Exception {
        try (WarningLog warnings = WarningLog.capture()) {
            org.osgi.service.cm.Configuration typo = configuration("misspelt", "typo", "memory", "max_verions", 5);
            try {
                processedOnceTheSentinelIsThere("after-typo");
                assertFalse(stores.storeExists("typo"));
                warnings.awaitOneLineNaming("typo", "max_verions");
            } finally {
                typo.delete();
            }
        }
    }

    /**
     * An existing memory store with max_versions 3 and one key; a configuration naming it with that
     * engine and those keys must leave it as it was and be reported in a line that names the store
     * and the conflict (a word the test gives).
     */
    private void assertConflictLeavesStoreAsItWas(String alias, String name, String engine, String conflict,
            Object... keys) throws Exception {
        stores.createStore(name, "memory", Config.of("max_versions", 3));
        stores.getStore(name).set(utf8("k"), utf8("as it was"));
        StoreInfo before = stores.storeInfo(name);
        try (WarningLog warnings = WarningLog.capture()) {
            org.osgi.service.cm.Configuration conflicting = configuration(alias, name, engine, keys);
            try {
                processedOnceTheSentinelIsThere("after-" + name);
                warnings.awaitOneLineNaming(name, conflict);

                StoreInfo after = stores.storeInfo(name);
                assertEquals("engine of " + name, before.engine(), after.engine());
                assertEquals("configuration of " + name, before.config(), after.config());
                assertValue(stores.getStore(name), "k", "as it was");
                Optional<ServiceReference<dev.skeleton.storage.Store>> service =
                        Osgi.reference(context, dev.skeleton.storage.Store.class, Osgi.filter("store.name", name));
                service.ifPresent(s -> assertEquals("store.engine of the " + name + " service", "memory",
                        s.getProperty("store.engine")));
            } finally {
                conflicting.delete();
            }
        }
    }

    /**
     * Adds a valid configuration (a memory store of that name) after the one under test, waits for
     * its store, and watches that no store called {@code null} appears meanwhile.
     */
    private void processedOnceTheSentinelIsThere(String sentinel) throws Exception {
        org.osgi.service.cm.Configuration configuration = configuration(sentinel, sentinel, "memory");
        try {
            Osgi.awaitReference(context, dev.skeleton.storage.Store.class, Osgi.filter("store.name", sentinel));
            long until = System.currentTimeMillis() + WATCH_MS;
            while (System.currentTimeMillis() < until) {
                assertFalse("a store called null: " + stores.listStores(), stores.storeExists("null"));
                Thread.sleep(20);
            }
        } finally {
            configuration.delete();
        }
    }

    /**
     * A store factory configuration; {@code name} null leaves the property out. Engine keys and
     * values follow the engine.
     */
    private org.osgi.service.cm.Configuration configuration(String alias, String name, String engine, Object... keys)
            throws IOException {
        org.osgi.service.cm.Configuration configuration = configAdmin.getFactoryConfiguration(STORE_FACTORY_PID, alias, null);
        Dictionary<String, Object> properties = new Hashtable<>();
        if (name != null) {
            properties.put("name", name);
        }
        properties.put("engine", engine);
        for (int i = 0; i < keys.length; i += 2) {
            properties.put((String) keys[i], keys[i + 1]);
        }
        configuration.update(properties);
        return configuration;
    }
}
