package dev.skeleton.storage.itests;

import static dev.skeleton.storage.itests.SkeletonOptions.configAdmin;
import static dev.skeleton.storage.itests.SkeletonOptions.frameworkWithScr;
import static dev.skeleton.storage.itests.SkeletonOptions.multistoreBundle;
import static dev.skeleton.storage.itests.SkeletonOptions.multistoreRootFor;
import static dev.skeleton.storage.itests.SkeletonOptions.reactorBundle;
import static dev.skeleton.storage.itests.StorageAsserts.assertValue;
import static dev.skeleton.storage.itests.StorageAsserts.utf8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import java.util.Hashtable;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The postgres engine in the framework, configured through ConfigAdmin with the two hosts of a
 * primary and its synchronous standby ({@link ReplicatedPostgresOptions}), lives through a
 * failover: the primary's postmaster killed with SIGKILL and the standby promoted. The same
 * {@code Engine} service (not restarted) and the same store handle go on on the new primary; what
 * was acknowledged before is there; what failed during the switch failed cleanly ({@code IO} or
 * {@code ENGINE_UNAVAILABLE}, one line, no password). Skips on a machine without PostgreSQL
 * server binaries.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PostgresFailoverInFelixIT {

    private static final String PID = "dev.skeleton.storage.postgres";
    private static final String ENGINE_FILTER = "(engine.name=postgres)";
    private static final long RECOVERY_LIMIT_MS = 30_000;

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @org.ops4j.pax.exam.Configuration
    public Option[] config() {
        Workspace.clean(getClass());
        return options(frameworkWithScr(), configAdmin(), reactorBundle("api-bundle"),
                multistoreBundle(), reactorBundle("postgres-bundle"), multistoreRootFor(getClass()),
                ReplicatedPostgresOptions.servers());
    }

    @Test
    public void theEngineConfiguredWithTwoHostsSurvivesAFailoverWithTheSameHandle() throws Exception {
        FailoverSwitch.assumeAvailable();
        Hashtable<String, Object> settings = new Hashtable<>();
        settings.put("url", FailoverSwitch.url());
        settings.put("user", FailoverSwitch.user());
        settings.put(".password", FailoverSwitch.password());
        settings.put("schema", "failover");
        settings.put("connect_timeout_ms", 2000L);
        configAdmin.getConfiguration(PID, null).update(settings);
        ServiceReference<Engine> engine = Osgi.awaitReference(context, Engine.class, ENGINE_FILTER);
        Object serviceId = engine.getProperty(Constants.SERVICE_ID);
        MultiStore stores = Osgi.multiStoreAt(context, Workspace.root(getClass()));
        Osgi.awaitEngine(stores, "postgres");
        stores.createStore("orders", "postgres", Config.empty());
        Store orders = stores.getStore("orders");
        for (int i = 0; i < 100; i++) {
            orders.set(utf8("order-" + i), utf8("placed-" + i));
        }

        String outcome = FailoverSwitch.failOver();

        int failures = writeUntilItWorks(orders);
        for (int i = 0; i < 100; i++) {
            assertValue(orders, "order-" + i, "placed-" + i);
        }
        assertValue(orders, "after", "the failover");
        assertEquals("the engine was not restarted (" + outcome + ", " + failures + " writes failed meanwhile)",
                serviceId, Osgi.awaitReference(context, Engine.class, ENGINE_FILTER).getProperty(Constants.SERVICE_ID));
    }

    /** Writes through the handle until it works again; every failure meanwhile must be a clean one. */
    private static int writeUntilItWorks(Store orders) throws InterruptedException {
        long deadline = System.currentTimeMillis() + RECOVERY_LIMIT_MS;
        for (int failures = 0; ; failures++) {
            try {
                orders.set(utf8("after"), utf8("the failover"));
                return failures;
            } catch (StorageException e) {
                assertTrue("code of " + e.getMessage(), e.code() == ErrorCode.IO || e.code() == ErrorCode.ENGINE_UNAVAILABLE);
                assertFalse("one line: " + e.getMessage(), e.getMessage().contains("\n"));
                assertFalse("no password in " + e.getMessage(), e.getMessage().contains(FailoverSwitch.password()));
                assertTrue("no write within " + RECOVERY_LIMIT_MS + " ms of the promotion: " + e.getMessage(),
                        System.currentTimeMillis() < deadline);
                Thread.sleep(50);
            }
        }
    }
}
