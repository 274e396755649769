package dev.skeleton.storage.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.felix.hc.api.Result;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.framework.BundleContext;

/**
 * The components as Declarative Services drives them: bound to a multistore and unbound, configured
 * and reconfigured. What they judge is tested with the plain classes they delegate to.
 */
class ComponentsTest {

    private final Path root = Path.of("stores").toAbsolutePath();
    private final FakeMultiStore fake = new FakeMultiStore(root).engine("file").store("ledger", "file");
    private final List<String> logged = new ArrayList<>();
    private final Logger log = Logger.getLogger("dev.skeleton.storage.health");
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record.getLevel() + " " + record.getMessage());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void captureLog() {
        log.addHandler(capture);
        // The expected warnings belong in the assertions, not in the build's output.
        log.setUseParentHandlers(false);
    }

    @AfterEach
    void releaseLog() {
        log.removeHandler(capture);
        log.setUseParentHandlers(true);
    }

    @Test
    void theStoresCheckJudgesTheBoundMultistoreAndSaysWhenItIsGone() {
        StoresAvailableCheck check = new StoresAvailableCheck();
        assertEquals(Result.Status.TEMPORARILY_UNAVAILABLE, check.execute().getStatus());

        check.bindMultiStore(fake.service(), Map.of());
        assertEquals(List.of("OK 1 of 1 store available"), Results.lines(check.execute()));

        FakeMultiStore without = new FakeMultiStore(root).store("ledger", "file");
        check.bindMultiStore(without.service(), Map.of());
        assertEquals(Result.Status.CRITICAL, check.execute().getStatus());

        check.unbindMultiStore(without.service());
        assertEquals(Result.Status.CRITICAL, check.execute().getStatus(), "another proxy: not the bound one");
    }

    @Test
    void theEnginesCheckJudgesTheBoundMultistore() {
        EnginesPresentCheck check = new EnginesPresentCheck();
        var service = new FakeMultiStore(root).store("ledger", "file").service();

        check.bindMultiStore(service, Map.of());
        assertEquals(Result.Status.CRITICAL, check.execute().getStatus());

        check.unbindMultiStore(service);
        assertEquals(Result.Status.TEMPORARILY_UNAVAILABLE, check.execute().getStatus());
    }

    @Test
    void theDiskCheckFollowsTheMultistoreItsConfigurationAndItsReconfiguration() {
        AtomicLong free = new AtomicLong(3L << 30);
        List<Path> measured = new ArrayList<>();
        DiskFloorCheck check = new DiskFloorCheck(name -> null, folder -> {
            measured.add(folder);
            return free.get();
        }, Map.of("disk.floor.bytes", String.valueOf(1L << 30)));

        assertEquals(Result.Status.OK, check.execute().getStatus());
        assertEquals(Path.of("data").toAbsolutePath(), measured.get(0), "without multistore: the built-in default");

        var service = new FakeMultiStore(root).service();
        check.bindMultiStore(service, Map.of("root.path", "configured"));
        check.execute();
        assertEquals(Path.of("configured").toAbsolutePath(), measured.get(1));
        check.updatedMultiStore(service, Map.of("root.path", "moved"));
        check.execute();
        assertEquals(Path.of("moved").toAbsolutePath(), measured.get(2));

        free.set(1L << 29);
        assertEquals(Result.Status.CRITICAL, check.execute().getStatus());
        check.modified(Map.of("disk.floor.bytes", "0"));
        assertEquals(Result.Status.OK, check.execute().getStatus());

        check.unbindMultiStore(service);
        check.execute();
        assertEquals(Path.of("data").toAbsolutePath(), measured.get(measured.size() - 1));
        assertEquals(List.of(), logged);
    }

    @Test
    void theDiskCheckLogsABadFloorOnceAndUsesTheDefault() {
        DiskFloorCheck check = new DiskFloorCheck(name -> null, folder -> 600L << 20,
                Map.of("disk.floor.bytes", "-1", "fsync.limit.millis", "nonsense"));

        assertEquals(List.of("WARNING health checks configuration dev.skeleton.storage.health: disk.floor.bytes = \"-1\""
                + " is negative; using the default 536870912"), logged);
        assertEquals(Result.Status.WARN, check.execute().getStatus(), "600 MiB free against the default 512 MiB");
    }

    @Test
    void theDiskCheckReadsTheFrameworkPropertyThroughTheBundleContext() {
        BundleContext context = (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {BundleContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getProperty")) {
                        return "dev.skeleton.storage.multistore.root.path".equals(args[0]) ? "from-launcher" : null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });

        Result result = new DiskFloorCheck(context, Map.of("disk.floor.bytes", 0L)).execute();

        String text = Results.text(result);
        assertTrue(text.contains(Path.of("from-launcher").toAbsolutePath().toString())
                && text.contains("framework property dev.skeleton.storage.multistore.root.path"), text);
    }

    @Test
    void theEngineCheckUsesItsClockAndItsLimitsAndTakesNewOnes() {
        AtomicLong clock = new AtomicLong(1_000_000L);
        fake.metrics("ledger", Map.of("fsync_micros_recent", 20_000.0, "checkpoint_age_millis", 1000L), 0, 0);
        EngineMetricsCheck check = new EngineMetricsCheck(Map.of("fsync.limit.millis", "10"), clock::get);
        assertEquals(Result.Status.TEMPORARILY_UNAVAILABLE, check.execute().getStatus());

        var service = fake.service();
        check.bindMultiStore(service, Map.of());
        assertEquals(Result.Status.WARN, check.execute().getStatus());

        check.modified(Map.of());
        assertEquals(Result.Status.OK, check.execute().getStatus(), "the default limit of 50 ms");

        check.unbindMultiStore(service);
        assertEquals(Result.Status.TEMPORARILY_UNAVAILABLE, check.execute().getStatus());
        assertEquals(List.of(), logged);
    }

    @Test
    void theEngineCheckLogsEachBadLimitOnce() {
        new EngineMetricsCheck(Map.of("fsync.limit.millis", "-3", "checkpoint.age.limit.seconds", "soon",
                "disk.floor.bytes", "-1"));

        assertEquals(2, logged.size(), logged.toString());
        assertTrue(logged.stream().allMatch(line -> line.startsWith(Level.WARNING + " health checks configuration")),
                logged.toString());
    }
}
