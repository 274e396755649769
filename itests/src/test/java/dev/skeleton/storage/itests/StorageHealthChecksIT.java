package dev.skeleton.storage.itests;

import static dev.skeleton.storage.itests.HealthCheckOptions.felixHealthChecks;
import static dev.skeleton.storage.itests.HealthCheckOptions.healthBundle;
import static dev.skeleton.storage.itests.SkeletonOptions.configAdmin;
import static dev.skeleton.storage.itests.SkeletonOptions.eventAdmin;
import static dev.skeleton.storage.itests.SkeletonOptions.frameworkWithScr;
import static dev.skeleton.storage.itests.SkeletonOptions.gogoRuntime;
import static dev.skeleton.storage.itests.SkeletonOptions.multistoreRootFor;
import static dev.skeleton.storage.itests.SkeletonOptions.reactorBundle;
import static dev.skeleton.storage.itests.SkeletonOptions.storageBundles;
import static dev.skeleton.storage.itests.StorageAsserts.utf8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.MultiStore;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.inject.Inject;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.apache.felix.hc.api.execution.HealthCheckExecutionOptions;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.cm.ConfigurationAdminOptions;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The health bundle's checks (tag {@code storage}) in a real framework with Felix Health Checks:
 * run by the {@link HealthCheckExecutor} and by Gogo's {@code hc:exec storage}, green on a healthy
 * platform; the engines and stores checks red while the file engine is away with a store of it,
 * and green again when it is back (the file engine, not memory: a memory store ends with its engine,
 * so nothing would wait for it); the disk check red with a floor above the free space; the engine
 * metrics check WARN with a log force limit below what the disk takes; without the multistore the
 * store checks TEMPORARILY_UNAVAILABLE, not gone, while the disk check goes on.
 *
 * <p>The disk floor is configured at 1 MiB for the run (PID {@value #HEALTH_PID}), so that "green"
 * does not depend on how full the test machine's disk is. Every run is forced past the executor's
 * result cache.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StorageHealthChecksIT {

    private static final String HEALTH_PID = "dev.skeleton.storage.health";
    private static final long TEST_FLOOR = 1L << 20;
    private static final String STORES = "Storage: stores available";
    private static final String ENGINES = "Storage: engines present";
    private static final String DISK = "Storage: free disk space";
    private static final String LIMITS = "Storage: engine limits";
    private static final List<String> CHECKS = List.of(LIMITS, ENGINES, DISK, STORES);

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private HealthCheckExecutor executor;

    @Inject
    private CommandProcessor processor;

    private MultiStore stores;

    @Configuration
    public Option[] config() {
        Workspace.clean(getClass());
        return options(frameworkWithScr(), configAdmin(), eventAdmin(), storageBundles(), reactorBundle("file-bundle"),
                multistoreRootFor(getClass()), gogoRuntime(), felixHealthChecks(), healthBundle(),
                ConfigurationAdminOptions.newConfiguration(HEALTH_PID).put("disk.floor.bytes", TEST_FLOOR).asOption());
    }

    @Before
    public void platformIsUp() {
        stores = Osgi.multiStoreAt(context, Workspace.root(getClass()));
        Osgi.awaitEngine(stores, "file");
        Osgi.eventually(() -> assertEquals(CHECKS, List.copyOf(statuses().keySet())));
    }

    @Test
    public void theChecksAreGreenAndHcExecShowsThem() {
        stores.createStore("ledger", "file", Config.empty());
        stores.getStore("ledger").set(utf8("k"), utf8("v"));
        try {
            Osgi.eventually(() -> assertEquals(allOf(Result.Status.OK), statuses()));
            assertTrue(text(results().get(DISK)), text(results().get(DISK)).contains(Workspace.root(getClass())
                    + " (the folder of the multistore's stores)"));

            try (GogoSession shell = new GogoSession(processor)) {
                String printed = shell.print("hc:exec storage");
                assertTrue(printed, printed.contains("Overall Health Result: OK"));
                CHECKS.forEach(name -> assertTrue(printed, printed.contains(name)));
            }
        } finally {
            stores.deleteStore("ledger");
        }
    }

    @Test
    public void theEnginesCheckIsRedWhileTheFileEngineIsAwayAndGreenWhenItIsBack() throws BundleException {
        stores.createStore("journal", "file", Config.empty());
        Bundle engine = Osgi.bundle(context, "dev.skeleton.storage.file");
        try {
            engine.stop();
            Osgi.eventually(() -> {
                Map<String, Result> results = results();
                assertEquals(Result.Status.CRITICAL, results.get(ENGINES).getStatus());
                assertTrue(text(results.get(ENGINES)), text(results.get(ENGINES))
                        .contains("CRITICAL engine file is missing; store journal waits for it"));
                assertEquals(Result.Status.CRITICAL, results.get(STORES).getStatus());
                assertTrue(text(results.get(STORES)), text(results.get(STORES))
                        .contains("CRITICAL store journal is unavailable: its engine file is not present"));
            });
        } finally {
            engine.start();
        }
        Osgi.awaitEngine(stores, "file");
        Osgi.eventually(() -> assertEquals(allOf(Result.Status.OK), statuses()));
        stores.deleteStore("journal");
    }

    @Test
    public void aDiskFloorAboveTheFreeSpaceTurnsTheDiskCheckRed() throws IOException {
        long free = Files.getFileStore(Workspace.root(getClass())).getUsableSpace();
        org.osgi.service.cm.Configuration settings = configAdmin.getConfiguration(HEALTH_PID, null);
        try {
            settings.update(settings("disk.floor.bytes", free + (1L << 30)));
            Osgi.eventually(() -> assertEquals(Result.Status.CRITICAL, statuses().get(DISK)));
            assertTrue(text(results().get(DISK)), text(results().get(DISK)).contains("below the floor of"));

            settings.update(settings("disk.floor.bytes", free / 3 * 2));
            Osgi.eventually(() -> assertEquals(Result.Status.WARN, statuses().get(DISK)));
        } finally {
            settings.update(settings("disk.floor.bytes", TEST_FLOOR));
        }
        Osgi.eventually(() -> assertEquals(Result.Status.OK, statuses().get(DISK)));
    }

    @Test
    public void aLogForceLimitBelowWhatTheDiskTakesIsWarn() throws IOException {
        stores.createStore("durable", "file", Config.of("sync", "always"));
        org.osgi.service.cm.Configuration settings = configAdmin.getConfiguration(HEALTH_PID, null);
        try {
            for (int i = 0; i < 5; i++) {
                stores.getStore("durable").set(utf8("k" + i), utf8("v" + i));
            }
            settings.update(settings("fsync.limit.millis", "0.000001"));
            Osgi.eventually(() -> assertEquals(Result.Status.WARN, statuses().get(LIMITS)));
            assertTrue(text(results().get(LIMITS)), text(results().get(LIMITS))
                    .contains("WARN store durable: log forces take"));
        } finally {
            settings.update(settings("disk.floor.bytes", TEST_FLOOR));
            stores.deleteStore("durable");
        }
        Osgi.eventually(() -> assertEquals(Result.Status.OK, statuses().get(LIMITS)));
    }

    @Test
    public void withoutTheMultistoreItsChecksSaySoAndTheDiskCheckGoesOn() throws BundleException {
        Bundle multistore = Osgi.bundle(context, "dev.skeleton.storage.multistore");
        try {
            multistore.stop();
            Osgi.eventually(() -> {
                Map<String, Result> results = results();
                for (String check : List.of(STORES, ENGINES, LIMITS)) {
                    assertEquals(check, Result.Status.TEMPORARILY_UNAVAILABLE, results.get(check).getStatus());
                    assertTrue(text(results.get(check)), text(results.get(check))
                            .contains("the multistore is not running"));
                }
                assertEquals(Result.Status.OK, results.get(DISK).getStatus());
            });
        } finally {
            multistore.start();
        }
        Osgi.multiStoreAt(context, Workspace.root(getClass()));
        Osgi.eventually(() -> assertEquals(allOf(Result.Status.OK), statuses()));
    }

    /** The storage checks run now (past the executor's cache), by name. */
    private Map<String, Result> results() {
        HealthCheckExecutionOptions options = new HealthCheckExecutionOptions();
        options.setForceInstantExecution(true);
        Map<String, Result> byName = new TreeMap<>();
        for (HealthCheckExecutionResult result : executor.execute(HealthCheckSelector.tags("storage"), options)) {
            byName.put(result.getHealthCheckMetadata().getName(), result.getHealthCheckResult());
        }
        return byName;
    }

    private Map<String, Result.Status> statuses() {
        Map<String, Result.Status> byName = new TreeMap<>();
        results().forEach((name, result) -> byName.put(name, result.getStatus()));
        return byName;
    }

    private static Map<String, Result.Status> allOf(Result.Status status) {
        Map<String, Result.Status> all = new TreeMap<>();
        CHECKS.forEach(name -> all.put(name, status));
        return all;
    }

    /** A result's entries, one "STATUS message" line each. */
    private static String text(Result result) {
        List<String> lines = new ArrayList<>();
        for (ResultLog.Entry entry : result) {
            lines.add(entry.getStatus() + " " + entry.getMessage());
        }
        return String.join("\n", lines);
    }

    private static Dictionary<String, Object> settings(String key, Object value) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(key, value);
        return properties;
    }
}
