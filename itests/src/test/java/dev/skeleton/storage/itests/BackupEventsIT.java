package dev.skeleton.storage.itests;

import static dev.skeleton.storage.itests.SkeletonOptions.configAdmin;
import static dev.skeleton.storage.itests.SkeletonOptions.eventAdmin;
import static dev.skeleton.storage.itests.SkeletonOptions.frameworkWithScr;
import static dev.skeleton.storage.itests.SkeletonOptions.gogoRuntime;
import static dev.skeleton.storage.itests.SkeletonOptions.multistoreRootFor;
import static dev.skeleton.storage.itests.SkeletonOptions.reactorBundle;
import static dev.skeleton.storage.itests.SkeletonOptions.storageBundles;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageEvent;
import dev.skeleton.storage.StorageEventListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * The events of the backup commands, run in the shell: EventAdmin handlers get them on the topics
 * {@code dev/skeleton/storage/STORE_EXPORTED}, {@code DUMP_VERIFIED}, {@code STORE_IMPORTED},
 * {@code STORE_COPIED} and {@code STORE_MOVED}, with the store, engine and version each type's
 * javadoc promises, and {@link StorageEventListener} services (the whiteboard) get the same events.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class BackupEventsIT {

    private static final String TOPIC_PREFIX = "dev/skeleton/storage/";

    @Inject
    private BundleContext context;

    @Inject
    private CommandProcessor processor;

    private MultiStore stores;
    private GogoSession shell;
    private final List<Event> posted = new CopyOnWriteArrayList<>();
    private final List<StorageEvent> heard = new CopyOnWriteArrayList<>();
    private ServiceRegistration<EventHandler> handler;
    private ServiceRegistration<StorageEventListener> listener;

    @Configuration
    public Option[] config() {
        Workspace.clean(getClass());
        return options(frameworkWithScr(), configAdmin(), eventAdmin(), storageBundles(), reactorBundle("file-bundle"),
                gogoRuntime(), reactorBundle("shell-bundle"), multistoreRootFor(getClass()));
    }

    @Before
    public void listen() {
        stores = Osgi.multiStoreAt(context, Workspace.root(getClass()));
        Osgi.awaitEngine(stores, "file");
        Dictionary<String, Object> topics = new Hashtable<>();
        topics.put(EventConstants.EVENT_TOPIC, TOPIC_PREFIX + "*");
        handler = context.registerService(EventHandler.class, posted::add, topics);
        listener = context.registerService(StorageEventListener.class, heard::add, null);
        shell = new GogoSession(processor);
    }

    @After
    public void stopListening() {
        shell.close();
        assertEquals("left on the console: " + shell.console(), "", shell.shownOnConsole());
        listener.unregister();
        handler.unregister();
    }

    @Test
    public void everyTransferEndsWithItsEvent() throws IOException {
        Path dumps = Files.createDirectories(Workspace.of(getClass()).resolve("dumps"));
        Path working = dumps.resolve("ledger.dump");
        Path saved = dumps.resolve("ledger-v1.dump");
        shell.print("store:create ledger memory");
        shell.run("store:set ledger k v");
        shell.print("store:save ledger");

        shell.print("store:export ledger '" + working + "'");
        assertPosted("STORE_EXPORTED", Map.of("store.name", "ledger", "engine.name", "memory", "version", 0L));
        shell.print("store:export --version 1 ledger '" + saved + "'");
        assertPosted("STORE_EXPORTED", Map.of("store.name", "ledger", "engine.name", "memory", "version", 1L));

        shell.print("store:verify '" + working + "'");
        assertPosted("DUMP_VERIFIED", Map.of("store.name", "ledger", "engine.name", "memory", "version", 0L));

        shell.print("store:import '" + working + "' restored --engine file");
        assertPosted("STORE_IMPORTED", Map.of("store.name", "restored", "engine.name", "file", "version", 0L));

        shell.print("store:copy --engine file ledger twin");
        assertPosted("STORE_COPIED", Map.of("store.name", "twin", "engine.name", "file", "version", 0L));

        shell.print("store:move ledger file");
        assertPosted("STORE_MOVED", Map.of("store.name", "ledger", "engine.name", "file", "version", 0L));

        Osgi.eventually(() -> assertEquals("the whiteboard listener heard the same transfers",
                List.of("STORE_EXPORTED ledger memory", "STORE_EXPORTED ledger memory", "DUMP_VERIFIED ledger memory",
                        "STORE_IMPORTED restored file", "STORE_COPIED twin file", "STORE_MOVED ledger file"),
                transfersHeard()));
        for (String store : List.of("ledger", "restored", "twin")) {
            shell.print("store:delete " + store);
        }
    }

    /** The transfer events the whiteboard listener heard, as {@code "<TYPE> <store> <engine>"}. */
    private List<String> transfersHeard() {
        List<StorageEvent.Type> transfers = List.of(StorageEvent.Type.STORE_EXPORTED, StorageEvent.Type.DUMP_VERIFIED,
                StorageEvent.Type.STORE_IMPORTED, StorageEvent.Type.STORE_COPIED, StorageEvent.Type.STORE_MOVED);
        return heard.stream().filter(e -> transfers.contains(e.type()))
                .map(e -> e.type() + " " + e.storeName() + " " + e.engineName())
                .collect(Collectors.toList());
    }

    /**
     * Waits for an event on {@code dev/skeleton/storage/<type>} with those properties, and that it
     * is the only one of its type with them.
     */
    private void assertPosted(String type, Map<String, Object> properties) {
        List<Event> matching = new CopyOnWriteArrayList<>();
        Osgi.eventually(() -> {
            matching.clear();
            posted.stream().filter(e -> e.getTopic().equals(TOPIC_PREFIX + type))
                    .filter(e -> properties.entrySet().stream()
                            .allMatch(p -> p.getValue().equals(e.getProperty(p.getKey()))))
                    .forEach(matching::add);
            assertEquals("events on " + TOPIC_PREFIX + type + " with " + properties + " among " + topics(),
                    1, matching.size());
        });
        assertTrue("timestamp in milliseconds", matching.get(0).getProperty("timestamp") instanceof Long);
    }

    private List<String> topics() {
        return posted.stream().map(e -> e.getTopic().substring(TOPIC_PREFIX.length()) + " "
                + e.getProperty("store.name") + " " + e.getProperty("engine.name") + " " + e.getProperty("version"))
                .collect(Collectors.toList());
    }
}
