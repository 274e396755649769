package dev.skeleton.storage.itests;

import static dev.skeleton.storage.itests.SkeletonOptions.configAdmin;
import static dev.skeleton.storage.itests.SkeletonOptions.frameworkWithScr;
import static dev.skeleton.storage.itests.SkeletonOptions.gogoRuntime;
import static dev.skeleton.storage.itests.SkeletonOptions.multistoreBundle;
import static dev.skeleton.storage.itests.SkeletonOptions.multistoreRootFor;
import static dev.skeleton.storage.itests.SkeletonOptions.reactorBundle;
import static dev.skeleton.storage.itests.StorageAsserts.assertFails;
import static dev.skeleton.storage.itests.StorageAsserts.assertValue;
import static dev.skeleton.storage.itests.StorageAsserts.utf8;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;
import static org.junit.Assume.assumeTrue;
import static org.ops4j.pax.exam.CoreOptions.options;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.StoreInfo;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.VersionInfo;
import dev.skeleton.storage.Versioned;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javax.inject.Inject;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Converter;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceEvent;
import org.osgi.framework.ServiceListener;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleRevision;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * The postgres engine bundle in the framework (each of the runs, despite the class name), on a real
 * PostgreSQL server: it resolves against the API and the JDK alone (driver, pool and logging travel
 * inside it), and its {@code Engine} service follows its ConfigAdmin configuration (PID
 * {@value #PID}, policy REQUIRE): absent without one, present with a good one, gone when it is
 * deleted, never there with a bad one (which gives one WARNING line naming the bad keys, no stack
 * trace, and is fixed by updating the configuration). The multistore handles the engine leaving
 * like any other: the handle of a store fails with ENGINE_UNAVAILABLE and works again, on the same
 * data, when the configuration is back. The password of the configuration shows nowhere: not in a
 * store's info, its directory, what the store commands print, or the properties of the engine
 * service (which any bundle and Gogo's {@code inspect} can read).
 *
 * <p>As the contract wants of every engine, the {@code Engine} service is that of a Declarative
 * Services component of the engine bundle; a second component of the bundle reads the
 * configuration and satisfies it with the settings of a valid one only.
 *
 * <p>Besides the framework services, only the bundles this needs are installed: the API, the
 * multistore, the engine, and the store commands with the Gogo runtime. Skips (with the reason)
 * only on a machine without any PostgreSQL server binary.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class PostgresEngineInFelixIT {

    private static final String PID = "dev.skeleton.storage.postgres";
    private static final String BSN = "dev.skeleton.storage.postgres";
    private static final String ENGINE = "postgres";
    private static final String ENGINE_FILTER = "(engine.name=" + ENGINE + ")";
    /** The component that reads the configuration, and offers its settings when they are valid. */
    private static final String SETTINGS_COMPONENT = "dev.skeleton.storage.postgres.osgi.PostgresSettingsComponent";
    /** The component that provides the Engine service, satisfied by those settings. */
    private static final String ENGINE_COMPONENT = "dev.skeleton.storage.postgres.osgi.PostgresEngineComponent";

    @Inject
    private BundleContext context;

    @Inject
    private ConfigurationAdmin configAdmin;

    @Inject
    private ServiceComponentRuntime scr;

    @Inject
    private CommandProcessor processor;

    private MultiStore stores;

    @Configuration
    public Option[] config() {
        Workspace.clean(getClass());
        return options(frameworkWithScr(), configAdmin(), reactorBundle("api-bundle"), multistoreBundle(),
                reactorBundle("postgres-bundle"), gogoRuntime(), reactorBundle("shell-bundle"),
                multistoreRootFor(getClass()), PostgresServerOptions.server());
    }

    @Before
    public void multiStore() {
        stores = Osgi.multiStoreAt(context, Workspace.root(getClass()));
    }

    /**
     * Every test starts without the engine: a deleted configuration reaches SCR on ConfigAdmin's
     * thread, so its component may still be going when the test that deleted it ends.
     */
    @After
    public void engineGone() throws Exception {
        org.osgi.service.cm.Configuration[] left = configAdmin.listConfigurations(Osgi.filter("service.pid", PID));
        if (left != null) {
            for (org.osgi.service.cm.Configuration configuration : left) {
                configuration.delete();
            }
        }
        awaitNoConfiguration();
    }

    @Test
    public void theBundleImportsPackagesOnlyFromTheApiAndTheFramework() {
        Bundle postgres = Osgi.bundle(context, BSN);
        assertEquals("bundle state", Bundle.ACTIVE, postgres.getState());
        List<BundleWire> wires = postgres.adapt(BundleWiring.class).getRequiredWires(BundleRevision.PACKAGE_NAMESPACE);
        for (BundleWire wire : wires) {
            Bundle provider = wire.getProvider().getBundle();
            assertTrue("postgres bundle wired to " + provider.getSymbolicName() + " for " + wire.getCapability(),
                    provider.getSymbolicName().equals("dev.skeleton.storage.api") || provider.getBundleId() == 0);
        }
        assertNull("exports nothing", postgres.getHeaders().get("Export-Package"));
    }

    @Test
    public void withoutAConfigurationThereIsNoEngine() throws Exception {
        assertNull("no configuration yet", configAdmin.listConfigurations(Osgi.filter("service.pid", PID)));
        assertFalse("no Engine service " + ENGINE_FILTER, Osgi.reference(context, Engine.class, ENGINE_FILTER).isPresent());
        assertFalse(stores.listEngines().contains(ENGINE));
        assertEquals("the component waits for its configuration",
                List.of(), configurations());
        assertEquals("the engine component waits for settings", List.of(ComponentConfigurationDTO.UNSATISFIED_REFERENCE),
                engineConfigurations().stream().map(dto -> dto.state).toList());
    }

    /**
     * The contract's OSGi shape: the engine is a Declarative Services component providing
     * {@code Engine} with {@code engine.name}; SCR registers its service, whose properties are the
     * component's (no setting of the configuration, and no password under any key).
     */
    @Test
    public void theEngineServiceIsThatOfADeclarativeServicesComponentOfTheBundle() throws Exception {
        org.osgi.service.cm.Configuration configuration = configure(settings());
        try {
            ServiceReference<Engine> engine = Osgi.awaitReference(context, Engine.class, ENGINE_FILTER);
            assertProvidedByTheEngineComponent(engine);
        } finally {
            configuration.delete();
        }
        awaitNoConfiguration();
    }

    /**
     * A valid configuration updated to another valid one: the engine of the old settings goes
     * before that of the new ones comes, one Engine service at a time, nothing printed, nothing
     * logged; the service is SCR's again, and the engine has the new settings.
     */
    @Test
    public void anUpdatedConfigurationReplacesTheEngineOneServiceAtATime() throws Exception {
        String schema = PostgresServer.schema() == null ? "unused" : PostgresServer.schema();
        org.osgi.service.cm.Configuration configuration = configure(settings());
        try (Captured captured = new Captured(context)) {
            ServiceReference<Engine> first = Osgi.awaitReference(context, Engine.class, ENGINE_FILTER);
            Engines engines = new Engines(context);
            try {
                for (String next : List.of(schema + "_b", schema)) {
                    configuration.update(new Hashtable<>(settings(Map.of("schema", next))));
                    Osgi.eventually(() -> {
                        ServiceReference<Engine> now = Osgi.awaitReference(context, Engine.class, ENGINE_FILTER);
                        assertNotEquals("a new service", first.getProperty("service.id"), now.getProperty("service.id"));
                        Engine engine = context.getService(now);
                        try {
                            assertTrue("the engine of the new settings: " + engine,
                                    String.valueOf(engine).endsWith(" schema " + next + ")"));
                        } finally {
                            context.ungetService(now);
                        }
                    });
                }
                assertProvidedByTheEngineComponent(Osgi.awaitReference(context, Engine.class, ENGINE_FILTER));
            } finally {
                engines.close();
            }
            assertEquals("at most one Engine service at any time: " + engines.events(), 1, engines.mostAtOnce());
            assertEquals("one going and one coming per update: " + engines.events(),
                    List.of("UNREGISTERING", "REGISTERED", "UNREGISTERING", "REGISTERED"), engines.events());
            captured.assertNoStackTraceAndNoFrameworkError();
            assertEquals("nothing logged", List.of(), captured.warnings());
            awaitEngine();
        } finally {
            configuration.delete();
        }
    }

    @Test
    public void theEngineFollowsItsConfigurationAndTheSameHandleOutlivesIt() throws Exception {
        PostgresServer.assumeAvailable();
        org.osgi.service.cm.Configuration configuration = configure(settings());
        Store users;
        VersionInfo v1;
        try {
            awaitEngine();
            stores.createStore("users", ENGINE, Config.of("max_versions", 5));
            users = stores.getStore("users");
            users.set(utf8("alice"), utf8("admin"));
            try (Transaction tx = ((Transactional) users).beginTx()) {
                tx.set(utf8("bob"), utf8("user"));
                tx.set(utf8("carol"), utf8("guest"));
                tx.commit();
            }
            v1 = ((Versioned) users).saveVersion();
            users.set(utf8("alice"), utf8("root"));
            users.delete(utf8("carol"));
            assertValue(users, "alice", "root");
            assertValue(users, "bob", "user");
        } finally {
            configuration.delete();
        }

        awaitNoConfiguration();
        Osgi.eventually(() -> assertFalse(stores.listEngines().contains(ENGINE)));
        assertFails(ErrorCode.ENGINE_UNAVAILABLE, () -> users.get(utf8("alice")));
        assertFails(ErrorCode.ENGINE_UNAVAILABLE, () -> users.set(utf8("dave"), utf8("x")));
        assertFalse("unavailable while its engine is away", stores.storeInfo("users").available());
        assertTrue("a persistent store stays in the catalog", stores.storeExists("users"));

        configuration = configure(settings());
        try {
            awaitEngine();
            Osgi.eventually(() -> assertValue(users, "alice", "root"));
            assertValue(users, "bob", "user");
            assertFalse(users.has(utf8("carol")));
            assertTrue(stores.storeInfo("users").available());
            ((Versioned) users).loadVersion(v1.version());
            assertValue(users, "alice", "admin");
            assertValue(users, "carol", "guest");
            assertEquals(v1.version(), ((Versioned) users).currentVersion());
            assertArrayEquals("versions survive too", new long[] {v1.version()}, ((Versioned) users).listVersions());
            stores.deleteStore("users");
        } finally {
            configuration.delete();
        }
    }

    @Test
    public void badConfigurationsGiveNoEngine() throws Exception {
        // Each bad configuration, by what its warning must say: the key, and the value where there is one.
        Map<String, Map<String, Object>> bad = Map.of(
                "(?s).*pool_size\\W+1\\b.*expected a number from 2 to 1000.*", settings(Map.of("pool_size", 1)),
                "(?s).*no_such_key.*values not shown.*", settings(Map.of("no_such_key", "x")),
                "(?s).*give the password as \\.password.*", settings(Map.of("password", PostgresServer.password())),
                "(?s).*config key url is missing.*", Map.of("user", "nobody", ".password", PostgresServer.password()));
        for (Map.Entry<String, Map<String, Object>> entry : bad.entrySet()) {
            try (Captured captured = new Captured(context)) {
                org.osgi.service.cm.Configuration configuration = configure(entry.getValue());
                try {
                    // The component is active with any configuration: it is what it offers that depends on it.
                    Osgi.eventually(() -> assertEquals(entry.getKey(), List.of(ComponentConfigurationDTO.ACTIVE),
                            configurations().stream().map(dto -> dto.state).toList()));
                    String warning = captured.awaitOneWarning(entry.getKey());
                    assertTrue("the warning matches " + entry.getKey() + ": " + warning, warning.matches(entry.getKey()));
                    assertNoPassword("warning", warning);
                    assertFalse(entry.getKey(), stores.listEngines().contains(ENGINE));
                    assertFalse("no Engine service " + entry.getKey(),
                            Osgi.reference(context, Engine.class, ENGINE_FILTER).isPresent());
                    assertEquals("the engine component waits for valid settings",
                            List.of(ComponentConfigurationDTO.UNSATISFIED_REFERENCE),
                            engineConfigurations().stream().map(dto -> dto.state).toList());
                } finally {
                    configuration.delete();
                }
                awaitNoConfiguration();
            }
        }
    }

    /**
     * What a person sees in the platform for a bad {@code etc/dev.skeleton.storage.postgres.cfg}:
     * one WARNING line naming every bad key and what it accepts, and nothing else: no stack trace
     * from SCR (an activation that throws is printed with one, once per bundle that asks for the
     * engine), no framework ERROR ("Service factory returned null"). No engine meanwhile, for
     * the multistore or any bundle; the fixed configuration brings it, with no restart.
     */
    @Test
    public void aBadConfigurationIsOneWarningLineWithoutStackTraceAndFixingItBringsTheEngine() throws Exception {
        Map<String, Object> bad = new Hashtable<>(settings(Map.of("pool_size", "1", "no_such_key", "x")));
        bad.remove("url");
        try (Captured captured = new Captured(context)) {
            org.osgi.service.cm.Configuration configuration = configure(bad);
            try {
                // The old component failed its activation here, when the multistore's greedy reference
                // asked for the engine; the component is active now, offering nothing.
                Osgi.eventually(() -> {
                    List<Integer> states = configurations().stream().map(dto -> dto.state).toList();
                    assertTrue("the configuration reached the component: " + states, states.size() == 1
                            && List.of(ComponentConfigurationDTO.ACTIVE, ComponentConfigurationDTO.FAILED_ACTIVATION)
                                    .contains(states.get(0)));
                });
                // Asked for as the platform asks: the multistore's listing, a store, any bundle.
                assertFalse(stores.listEngines().contains(ENGINE));
                assertFails(ErrorCode.ENGINE_NOT_FOUND, () -> stores.createStore("refused", ENGINE, Config.empty()));
                Osgi.reference(context, Engine.class, ENGINE_FILTER).ifPresent(reference -> {
                    try {
                        context.getService(reference);
                    } finally {
                        context.ungetService(reference);
                    }
                });

                captured.assertNoStackTraceAndNoFrameworkError();
                String warning = captured.awaitOneWarning(bad.keySet().toString());
                for (String named : List.of("pool_size: \"1\", expected a number from 2 to 1000",
                        "[no_such_key] (values not shown), expected only [url, user, .password, pool_size, schema, "
                                + "connect_timeout_ms, synchronous_commit, read_from]",
                        "url is missing, expected a JDBC url jdbc:postgresql://host:port/database")) {
                    assertTrue("the warning names " + named + ": " + warning, warning.contains(named));
                }
                assertNoPassword("warning", warning);
                assertFalse("no Engine service", Osgi.reference(context, Engine.class, ENGINE_FILTER).isPresent());
                assertEquals(List.of(ComponentConfigurationDTO.ACTIVE),
                        configurations().stream().map(dto -> dto.state).toList());

                assertEquals("nothing activated for the engine", List.of(ComponentConfigurationDTO.UNSATISFIED_REFERENCE),
                        engineConfigurations().stream().map(dto -> dto.state).toList());

                configuration.update(new Hashtable<>(settings()));
                awaitEngine();
                assertProvidedByTheEngineComponent(Osgi.awaitReference(context, Engine.class, ENGINE_FILTER));
                captured.assertNoStackTraceAndNoFrameworkError();
                assertEquals("no other warning", 1, captured.warnings().size());
            } finally {
                configuration.delete();
            }
        }
    }

    @Test
    public void thePasswordShowsNowhere() throws Exception {
        PostgresServer.assumeAvailable();
        assumeTrue("a password long enough to search for", PostgresServer.password().length() >= 8);
        org.osgi.service.cm.Configuration configuration = configure(settings());
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        CommandSession session = processor.createSession(new ByteArrayInputStream(new byte[0]), out, out);
        try {
            awaitEngine();
            Osgi.eventually(() -> assertTrue(print(session, "store:engines").contains(ENGINE)));
            assertEquals("created store ledger (engine postgres)", print(session, "store:create ledger postgres max_versions=3"));
            session.execute("store:set ledger k v");
            assertTrue(print(session, "store:save ledger").startsWith("saved version 1 of store ledger"));

            for (String command : List.of("store:engines", "store:stores", "store:info ledger", "store:versions ledger")) {
                assertNoPassword(command, print(session, command));
            }
            assertEquals("commands print nothing themselves", "", console.toString(StandardCharsets.UTF_8));

            StoreInfo info = stores.storeInfo("ledger");
            assertNoPassword("StoreInfo", info.toString());
            info.config().asMap().forEach((key, value) -> assertNoPassword("StoreInfo config " + key, key + "=" + value));
            assertFalse(info.config().contains("password"));
            assertNoPassword("engine", String.valueOf(stores.getEngine(ENGINE)));

            Path root = Workspace.root(getClass());
            assertTrue("the store has a directory", Files.isDirectory(root.resolve("ledger")));
            try (Stream<Path> files = Files.walk(root)) {
                for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                    assertNoPassword(file.toString(), new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
                }
            }
            stores.deleteStore("ledger");
        } finally {
            session.close();
            configuration.delete();
        }
    }

    /**
     * Declarative Services registers a component's service with its configuration's properties
     * (all but those whose name starts with a dot), and every bundle, Gogo's
     * {@code inspect capability service} and web consoles can read them.
     */
    @Test
    public void thePasswordIsNoPropertyOfTheEngineService() throws Exception {
        PostgresServer.assumeAvailable();
        assumeTrue("a password long enough to search for", PostgresServer.password().length() >= 8);
        configure(settings());
        ServiceReference<Engine> engine = Osgi.awaitReference(context, Engine.class, ENGINE_FILTER);
        for (String key : engine.getPropertyKeys()) {
            assertNoPassword("the Engine service property " + key, key + "=" + String.valueOf(engine.getProperty(key)));
        }
    }

    // ---- helpers ----

    /** The configuration of a real engine on the test server, in this run's schema. */
    private static Map<String, Object> settings() {
        return settings(Map.of());
    }

    private static Map<String, Object> settings(Map<String, Object> more) {
        Hashtable<String, Object> settings = new Hashtable<>();
        settings.put("url", PostgresServer.url() == null ? "jdbc:postgresql://127.0.0.1:1/none" : PostgresServer.url());
        settings.put("user", PostgresServer.user());
        settings.put(".password", PostgresServer.password());
        settings.put("schema", PostgresServer.schema() == null ? "unused" : PostgresServer.schema());
        // ConfigAdmin keeps the types: a number comes as an Integer, as a console or a .cfg file with
        // a typed value would give it.
        settings.put("pool_size", 4);
        settings.put("connect_timeout_ms", 5000L);
        settings.putAll(more);
        return settings;
    }

    /** Creates the engine's configuration (a new one: each test deletes its own). */
    private org.osgi.service.cm.Configuration configure(Map<String, Object> settings) throws IOException {
        org.osgi.service.cm.Configuration configuration = configAdmin.getConfiguration(PID, null);
        Dictionary<String, Object> properties = new Hashtable<>(settings);
        configuration.update(properties);
        return configuration;
    }

    /**
     * Waits until SCR has taken the configuration away from the component, and with it the engine: a
     * bad configuration has no service whose going could be awaited instead, and a configuration
     * made again before SCR has seen the old one deleted may not reach the component at all. The
     * engine component's service goes before its deactivation has closed the engine, so that is
     * waited for too.
     */
    private void awaitNoConfiguration() {
        Osgi.eventually(() -> assertEquals("the component's configurations", List.of(), configurations()));
        Osgi.awaitNoService(context, Engine.class, ENGINE_FILTER);
        Osgi.eventually(() -> assertEquals("the engine component is back to waiting for settings",
                List.of(ComponentConfigurationDTO.UNSATISFIED_REFERENCE),
                engineConfigurations().stream().map(dto -> dto.state).toList()));
    }

    /** Waits until the multistore has the postgres engine. */
    private void awaitEngine() {
        assertNotNull(Osgi.awaitService(context, Engine.class, ENGINE_FILTER));
        Osgi.eventually(() -> assertTrue(stores.listEngines().toString(), stores.listEngines().contains(ENGINE)));
    }

    /** The configurations of the component that reads the configuration now: none while it waits for ConfigAdmin. */
    private List<ComponentConfigurationDTO> configurations() {
        return configurationsOf(SETTINGS_COMPONENT);
    }

    /** The configurations of the component that provides the Engine service now. */
    private List<ComponentConfigurationDTO> engineConfigurations() {
        return configurationsOf(ENGINE_COMPONENT);
    }

    private List<ComponentConfigurationDTO> configurationsOf(String component) {
        ComponentDescriptionDTO description = scr.getComponentDescriptionDTO(Osgi.bundle(context, BSN), component);
        assertNotNull("component " + component, description);
        return List.copyOf(scr.getComponentConfigurationDTOs(description));
    }

    /**
     * That the Engine service is registered by SCR for the one component of the postgres bundle
     * that declares {@code Engine} among its services, under {@code engine.name=postgres}, and that
     * neither its properties nor those of the component carry a password, under any key.
     */
    private void assertProvidedByTheEngineComponent(ServiceReference<Engine> engine) {
        Bundle postgres = Osgi.bundle(context, BSN);
        assertEquals("registered by the postgres bundle", postgres, engine.getBundle());
        assertEquals(ENGINE, engine.getProperty(Engine.ENGINE_NAME_PROPERTY));
        List<ComponentDescriptionDTO> providers = scr.getComponentDescriptionDTOs(postgres).stream()
                .filter(description -> List.of(description.serviceInterfaces).contains(Engine.class.getName()))
                .toList();
        assertEquals("the components of the bundle that provide Engine",
                List.of(ENGINE_COMPONENT), providers.stream().map(description -> description.name).toList());
        ComponentDescriptionDTO provider = providers.get(0);
        assertEquals(ENGINE, provider.properties.get(Engine.ENGINE_NAME_PROPERTY));
        Osgi.eventually(() -> {
            List<ComponentConfigurationDTO> configurations = List.copyOf(scr.getComponentConfigurationDTOs(provider));
            assertEquals("one active configuration", List.of(ComponentConfigurationDTO.ACTIVE),
                    configurations.stream().map(dto -> dto.state).toList());
            ComponentConfigurationDTO active = configurations.get(0);
            assertNotNull("SCR registered a service for it", active.service);
            assertEquals("the Engine service is the one SCR registered for the component",
                    engine.getProperty("service.id"), active.service.id);
            assertEquals(postgres.getBundleId(), active.service.bundle);
            assertNoPasswordIn("the component configuration", active.properties);
        });
        Map<String, Object> properties = new HashMap<>();
        for (String key : engine.getPropertyKeys()) {
            properties.put(key, engine.getProperty(key));
        }
        assertNoPasswordIn("the Engine service", properties);
    }

    private static void assertNoPasswordIn(String where, Map<String, Object> properties) {
        properties.forEach((key, value) -> {
            assertFalse(where + " has a password key: " + key, key.toLowerCase(Locale.ROOT).contains("password"));
            assertNoPassword(where + " property " + key, key + "=" + value);
        });
    }

    private static void assertNoPassword(String where, String text) {
        String password = PostgresServer.password();
        if (!password.isEmpty()) {
            assertFalse("the password shows in " + where + ": " + text.replace(password, "<password>"),
                    text.contains(password));
        }
    }

    /** What an interactive console prints for the result of a command line. */
    private static String print(CommandSession session, String line) {
        try {
            Object result = session.execute(line);
            return result == null ? "" : session.format(result, Converter.INSPECT).toString();
        } catch (Exception e) {
            throw new AssertionError("'" + line + "' failed: " + e, e);
        }
    }

    /**
     * What the framework prints and reports while open: standard output and error (where SCR
     * writes its log without a log service, and the framework its own), the framework's ERROR
     * events, and the records of the postgres engine's logger. Restores all on close.
     */
    private static final class Captured implements AutoCloseable, FrameworkListener {

        private static final String LOGGER = "dev.skeleton.storage.postgres";

        private final BundleContext context;
        private final PrintStream out = System.out;
        private final PrintStream err = System.err;
        private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
        /** Held here: java.util.logging keeps loggers only weakly, and with them their handlers. */
        private final Logger logger = Logger.getLogger(LOGGER);
        private final List<LogRecord> records = Collections.synchronizedList(new ArrayList<>());
        private final List<FrameworkEvent> errors = Collections.synchronizedList(new ArrayList<>());
        private final Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };

        Captured(BundleContext context) {
            this.context = context;
            logger.addHandler(handler);
            context.addFrameworkListener(this);
            System.setOut(new PrintStream(new Tee(out, printed), true));
            System.setErr(new PrintStream(new Tee(err, printed), true));
        }

        @Override
        public void frameworkEvent(FrameworkEvent event) {
            if (event.getType() == FrameworkEvent.ERROR) {
                errors.add(event);
            }
        }

        /** The postgres engine's WARNING records so far, as lines. */
        List<String> warnings() {
            synchronized (records) {
                return records.stream().filter(record -> record.getLevel() == Level.WARNING)
                        .map(record -> {
                            assertNull("a warning without a stack trace: " + record.getMessage(), record.getThrown());
                            return record.getMessage();
                        }).toList();
            }
        }

        /** The one WARNING a configuration gives, on one line. */
        String awaitOneWarning(String configuration) {
            Osgi.eventually(() -> assertEquals("one warning for " + configuration + ": " + warnings(), 1,
                    warnings().size()));
            String warning = warnings().get(0);
            assertFalse("one line: " + warning, warning.contains("\n") || warning.contains("\r"));
            return warning;
        }

        void assertNoStackTraceAndNoFrameworkError() {
            String text = printed.toString(StandardCharsets.UTF_8);
            long lines = text.lines().count();
            assertFalse("a stack trace among the " + lines + " lines printed:\n" + excerpt(text),
                    text.contains("\tat ") || text.contains("Exception"));
            synchronized (errors) {
                assertEquals("framework errors: " + errors.stream().map(event -> String.valueOf(event.getThrowable()))
                        .toList(), 0, errors.size());
            }
        }

        private static String excerpt(String text) {
            return text.length() <= 2_000 ? text : text.substring(0, 2_000) + "\n...";
        }

        @Override
        public void close() {
            System.setOut(out);
            System.setErr(err);
            context.removeFrameworkListener(this);
            logger.removeHandler(handler);
        }
    }

    /**
     * The Engine services of the postgres engine as they come and go while open: the events in
     * order, and the most registered at once.
     *
     * <p>Lock model: the framework calls {@link #serviceChanged} on the thread that registers or
     * unregisters; the monitor of this object guards the events and the counts.
     */
    private static final class Engines implements ServiceListener, AutoCloseable {
        private final BundleContext context;
        private final List<String> events = new ArrayList<>();
        private int registered;
        private int mostAtOnce;

        Engines(BundleContext context) throws InvalidSyntaxException {
            this.context = context;
            synchronized (this) {
                registered = Osgi.reference(context, Engine.class, ENGINE_FILTER).isPresent() ? 1 : 0;
                mostAtOnce = registered;
            }
            context.addServiceListener(this, "(&(objectClass=" + Engine.class.getName() + ")" + ENGINE_FILTER + ")");
        }

        @Override
        public synchronized void serviceChanged(ServiceEvent event) {
            switch (event.getType()) {
                case ServiceEvent.REGISTERED -> {
                    events.add("REGISTERED");
                    mostAtOnce = Math.max(mostAtOnce, ++registered);
                }
                case ServiceEvent.UNREGISTERING -> {
                    events.add("UNREGISTERING");
                    registered--;
                }
                default -> events.add("MODIFIED");
            }
        }

        synchronized List<String> events() {
            return List.copyOf(events);
        }

        synchronized int mostAtOnce() {
            return mostAtOnce;
        }

        @Override
        public void close() {
            context.removeServiceListener(this);
        }
    }

    /** Writes to two streams: what was printed goes on, and is kept. */
    private static final class Tee extends OutputStream {
        private final OutputStream first;
        private final OutputStream second;

        Tee(OutputStream first, OutputStream second) {
            this.first = first;
            this.second = second;
        }

        @Override
        public void write(int b) throws IOException {
            first.write(b);
            second.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            first.write(bytes, offset, length);
            second.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            first.flush();
            second.flush();
        }
    }
}
