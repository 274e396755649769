package dev.skeleton.storage.itests;

import static dev.skeleton.storage.itests.SkeletonOptions.configAdmin;
import static dev.skeleton.storage.itests.SkeletonOptions.frameworkWithScr;
import static dev.skeleton.storage.itests.SkeletonOptions.multistoreRootFor;
import static dev.skeleton.storage.itests.SkeletonOptions.storageBundles;
import static dev.skeleton.storage.itests.SkeletonOptions.usersConsumer;
import static dev.skeleton.storage.itests.StorageAsserts.utf8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.ops4j.pax.exam.CoreOptions.options;

import dev.skeleton.storage.MultiStore;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.function.Function;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * What a consumer writes, {@code @Reference(target = "(store.name=users)") Store users;}, works:
 * the consumer's component is satisfied exactly while the store {@code users} is available, here
 * declared by a factory configuration and later deleted.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class StoreConsumerIT {

    private static final String CONSUMER = "(consumer=users)";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Configuration
    public Option[] config() {
        Workspace.clean(getClass());
        return options(frameworkWithScr(), configAdmin(), storageBundles(), multistoreRootFor(getClass()),
                usersConsumer(getClass()));
    }

    @Test
    @SuppressWarnings("unchecked")
    public void aComponentReferencingTheStoreByNameLivesWithTheStore() throws Exception {
        assertFalse("no store users yet, so the consumer is not satisfied",
                Osgi.reference(context, Function.class, CONSUMER).isPresent());

        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("name", "users");
        properties.put("engine", "memory");
        configAdmin.getFactoryConfiguration("dev.skeleton.storage.store", "users", null).update(properties);

        Function<String, String> consumer = Osgi.awaitService(context, Function.class, CONSUMER);
        MultiStore stores = Osgi.multiStoreAt(context, Workspace.root(getClass()));
        stores.getStore("users").set(utf8("alice"), utf8("admin"));
        assertEquals("the component reads the store it was given", "admin", consumer.apply("alice"));

        stores.deleteStore("users");
        Osgi.awaitNoService(context, Function.class, CONSUMER);
    }
}
