package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The bundle list of {@code features.xml} is enough to run the storage bundles in another
 * framework set-up: a bare framework, without the launcher, given exactly the bundles of the
 * storage and shell features at their start levels (resolved from the layout's {@code repository/},
 * as a container resolves {@code mvn:} URLs), runs the store commands. (The web console's feature
 * needs the container's own console, which a bare framework has not.)
 */
@Timeout(60)
class FeaturesInPlainFelixIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path work;

    private record FeatureBundle(String url, int startLevel) {
        /** {@code mvn:group/artifact/version} in Maven repository layout. */
        Path in(Path repository) {
            String[] coordinates = url.substring("mvn:".length()).split("/");
            return repository.resolve(coordinates[0].replace('.', '/')).resolve(coordinates[1]).resolve(coordinates[2])
                    .resolve(coordinates[1] + "-" + coordinates[2] + ".jar");
        }
    }

    private static final List<String> FEATURES = List.of("skeleton-storage", "skeleton-storage-shell");

    private static List<FeatureBundle> featureBundles() throws Exception {
        Element features = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Layout.root().resolve("features.xml").toFile()).getDocumentElement();
        NodeList bundles = features.getElementsByTagName("bundle");
        List<FeatureBundle> list = new ArrayList<>();
        for (int i = 0; i < bundles.getLength(); i++) {
            Element bundle = (Element) bundles.item(i);
            if (FEATURES.contains(((Element) bundle.getParentNode()).getAttribute("name"))) {
                list.add(new FeatureBundle(bundle.getTextContent().strip(),
                        Integer.parseInt(bundle.getAttribute("start-level"))));
            }
        }
        return list;
    }

    @Test
    void theFeatureBundlesRunTheStoreCommandsInABareFramework() throws Exception {
        List<FeatureBundle> bundles = featureBundles();
        assertTrue(bundles.stream().anyMatch(bundle -> bundle.url().contains("multistore-bundle")), bundles.toString());
        assertTrue(bundles.stream().anyMatch(bundle -> bundle.url().contains("shell-bundle")), bundles.toString());

        Framework framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow()
                .newFramework(Map.of("org.osgi.framework.storage", work.resolve("cache").toString(),
                        "org.osgi.framework.storage.clean", "onFirstInit",
                        "org.osgi.framework.startlevel.beginning", "10",
                        // The multistore's root in the test's folder, as a container's framework
                        // properties give it when no configuration does.
                        MultiStoreConfiguration.ROOT_PATH_PROPERTY, work.resolve("data").toString(),
                        MultiStoreConfiguration.DEFAULT_ENGINE_PROPERTY, "memory"));
        framework.init();
        try {
            BundleContext context = framework.getBundleContext();
            List<Bundle> installed = new ArrayList<>();
            for (FeatureBundle bundle : bundles) {
                Path jar = bundle.in(Layout.root().resolve("repository"));
                assertTrue(Files.isRegularFile(jar), jar + " for " + bundle.url());
                Bundle osgi = context.installBundle(jar.toUri().toString());
                osgi.adapt(BundleStartLevel.class).setStartLevel(bundle.startLevel());
                installed.add(osgi);
            }
            for (Bundle bundle : installed) {
                bundle.start();
            }
            framework.start();
            raiseTo(framework, 40);

            ServiceWait.await(context, "(osgi.command.scope=store)", TIMEOUT, "the store commands");
            Object processor = context.getService(ServiceWait.await(context,
                    "(objectClass=" + GogoSession.PROCESSOR + ")", TIMEOUT, "Gogo"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
            try (GogoSession session = GogoSession.open(processor, InputStream.nullInputStream(), print, print)) {
                int status = new CommandRunner(session, print, print, () -> true)
                        .run(Script.parse("test", "store:create s; store:set s k v-in-plain-felix; store:get s k; store:info s"));
                assertEquals(ExitStatus.OK, status, out.toString(StandardCharsets.UTF_8));
            }
            String printed = out.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains("v-in-plain-felix"), printed);
            assertTrue(printed.contains(work.resolve("data").resolve("s").toString()), printed);
        } finally {
            framework.stop();
            framework.waitForStop(TIMEOUT.toMillis());
        }
    }

    private static void raiseTo(Framework framework, int level) throws InterruptedException {
        CountDownLatch reached = new CountDownLatch(1);
        framework.adapt(FrameworkStartLevel.class).setStartLevel(level, event -> reached.countDown());
        assertTrue(reached.await(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "start level " + level);
    }
}
