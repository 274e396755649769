package dev.skeleton.storage.itests;

import static dev.skeleton.storage.itests.SkeletonOptions.configAdmin;
import static dev.skeleton.storage.itests.SkeletonOptions.fileInstall;
import static dev.skeleton.storage.itests.SkeletonOptions.frameworkWithScr;
import static dev.skeleton.storage.itests.SkeletonOptions.multistoreRootFor;
import static dev.skeleton.storage.itests.SkeletonOptions.storageBundles;
import static dev.skeleton.storage.itests.StorageAsserts.assertValue;
import static dev.skeleton.storage.itests.StorageAsserts.utf8;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.StoreInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.inject.Inject;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;

/**
 * A FileInstall {@code .cfg} file declares a store: FileInstall turns
 * {@code dev.skeleton.storage.store-<id>.cfg} into a factory configuration, and the store appears as
 * a {@code Store} service with the engine settings of the file. The property FileInstall adds
 * ({@code felix.fileinstall.filename}) is not taken for an engine key.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FileInstallIT {

    @Inject
    private BundleContext context;

    @Configuration
    public Option[] config() {
        Workspace.clean(getClass());
        Path etc = etcOf(getClass());
        try {
            Files.createDirectories(etc);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return options(frameworkWithScr(), configAdmin(), storageBundles(), multistoreRootFor(getClass()),
                systemProperty("felix.fileinstall.dir").value(etc.toString()),
                systemProperty("felix.fileinstall.poll").value("100"),
                systemProperty("felix.fileinstall.noInitialDelay").value("true"),
                fileInstall());
    }

    private static Path etcOf(Class<?> test) {
        return Workspace.of(test).resolve("etc");
    }

    @Test
    public void aCfgFileDeclaresAStore() throws IOException {
        Path cfg = etcOf(getClass()).resolve("dev.skeleton.storage.store-orders.cfg");
        Files.writeString(cfg, "name = orders\nengine = memory\nmax_versions = 7\n");

        Store orders = Osgi.awaitService(context, Store.class, "(store.name=orders)");
        orders.set(utf8("o1"), utf8("paid"));
        assertValue(orders, "o1", "paid");

        MultiStore stores = Osgi.multiStoreAt(context, Workspace.root(getClass()));
        StoreInfo info = stores.storeInfo("orders");
        assertEquals("memory", info.engine());
        assertEquals("7", String.valueOf(info.config().get("max_versions")));
        assertFalse("FileInstall's own property is no store setting",
                info.config().contains("felix.fileinstall.filename"));

        Files.delete(cfg);
        Osgi.eventually(() -> assertTrue("removing the file keeps the store", stores.storeExists("orders")));
        assertValue(stores.getStore("orders"), "o1", "paid");
    }
}
