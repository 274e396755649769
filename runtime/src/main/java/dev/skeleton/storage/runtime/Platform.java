package dev.skeleton.storage.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.FrameworkListener;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.framework.startlevel.BundleStartLevel;
import org.osgi.framework.startlevel.FrameworkStartLevel;

/**
 * The embedded OSGi framework and its life: created through the {@link FrameworkFactory} that
 * {@link ServiceLoader} finds (Felix here, any R7+ framework would do), the platform bundles
 * installed, then brought up one {@link StartLevel} at a time, and stopped.
 *
 * <p>Bundles are all installed before any starts, so that every optional import (the store
 * commands' Gogo annotations) is wired when the bundles resolve. Errors the framework reports while
 * starting bundles are collected, to be shown to the user.
 *
 * <p>Thread safety: {@link #stop} may be called from any thread (the shutdown hook); the other
 * methods are called by the launcher's thread.
 */
final class Platform {

    /** Felix's property for a logger object of the embedder's. */
    static final String FRAMEWORK_LOGGER = "felix.log.logger";

    private final Framework framework;
    private final List<String> errors = new ArrayList<>();

    private Platform(Framework framework) {
        this.framework = framework;
    }

    /**
     * Creates and initialises the framework; nothing runs yet.
     *
     * @param properties the framework configuration
     * @return the platform
     * @throws LaunchException {@link ExitStatus#START_FAILED} if there is no framework on the class
     *         path or it cannot be initialised
     */
    static Platform create(Map<String, String> properties) throws LaunchException {
        FrameworkFactory factory = ServiceLoader.load(FrameworkFactory.class).findFirst()
                .orElseThrow(() -> new LaunchException(ExitStatus.START_FAILED,
                        "no OSGi framework on the class path (lib/ beside skeleton.jar)"));
        Framework framework = factory.newFramework(withLog(properties));
        try {
            framework.init();
        } catch (BundleException e) {
            throw new LaunchException(ExitStatus.START_FAILED, "the framework cannot start: " + e.getMessage(), e);
        }
        Platform platform = new Platform(framework);
        framework.getBundleContext().addFrameworkListener(platform::collectError);
        return platform;
    }

    /**
     * The configuration with the framework's log going through {@code java.util.logging} (see
     * {@link FrameworkLog}), unless it names a logger of its own. The property's value is an object,
     * not a string, as Felix reads it; other frameworks ignore it.
     */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Map<String, String> withLog(Map<String, String> properties) {
        Map configuration = new HashMap<>(properties);
        configuration.putIfAbsent(FRAMEWORK_LOGGER, new FrameworkLog());
        return (Map<String, String>) configuration;
    }

    /**
     * Installs the platform bundles, each at its start level and marked to start when the framework
     * reaches that level.
     *
     * @param bundles the bundles
     * @throws LaunchException {@link ExitStatus#START_FAILED} naming a bundle that cannot be installed
     */
    void install(List<PlatformBundle> bundles) throws LaunchException {
        BundleContext context = context();
        List<Bundle> installed = new ArrayList<>();
        for (PlatformBundle bundle : bundles) {
            try {
                Bundle osgi = context.installBundle(bundle.jar().toUri().toString());
                osgi.adapt(BundleStartLevel.class).setStartLevel(bundle.startLevel().level());
                installed.add(osgi);
            } catch (BundleException e) {
                throw new LaunchException(ExitStatus.START_FAILED,
                        "cannot install " + bundle.jar().getFileName() + ": " + e.getMessage(), e);
            }
        }
        for (Bundle bundle : installed) {
            markStarted(bundle);
        }
    }

    /** Fragments are never started; every other bundle starts when its level is reached. */
    private static void markStarted(Bundle bundle) throws LaunchException {
        if (bundle.getHeaders().get("Fragment-Host") != null) {
            return;
        }
        try {
            bundle.start();
        } catch (BundleException e) {
            throw new LaunchException(ExitStatus.START_FAILED,
                    "cannot start " + bundle.getSymbolicName() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Starts the framework, if it is not running yet, and raises it to a start level; returns when
     * every bundle of the levels up to it has been started.
     *
     * @param level   the level
     * @param timeout how long it may take
     * @throws LaunchException {@link ExitStatus#START_FAILED} if the framework cannot start or the
     *         level is not reached in time
     */
    void raiseTo(StartLevel level, Duration timeout) throws LaunchException {
        try {
            if ((framework.getState() & Bundle.ACTIVE) == 0) {
                framework.start();
            }
        } catch (BundleException e) {
            throw new LaunchException(ExitStatus.START_FAILED, "the framework cannot start: " + e.getMessage(), e);
        }
        FrameworkStartLevel startLevel = framework.adapt(FrameworkStartLevel.class);
        if (startLevel.getStartLevel() >= level.level()) {
            return;
        }
        // Waited for through a listener of the framework's own event queue, not one handed to
        // setStartLevel (which Felix calls from its start level thread): the errors of the bundles
        // started on the way go through that queue before the level's event, so they are all
        // collected (see errors()) when this returns.
        CountDownLatch reached = new CountDownLatch(1);
        FrameworkListener listener = event -> {
            if (event.getType() == FrameworkEvent.STARTLEVEL_CHANGED && startLevel.getStartLevel() >= level.level()) {
                reached.countDown();
            }
        };
        context().addFrameworkListener(listener);
        try {
            startLevel.setStartLevel(level.level());
            if (!reached.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new LaunchException(ExitStatus.START_FAILED,
                        "the platform did not reach start level " + level + " within " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException(ExitStatus.START_FAILED, "interrupted while starting", e);
        } finally {
            context().removeFrameworkListener(listener);
        }
    }

    /**
     * The platform bundles that do not run.
     *
     * @param expected the bundles that must be active
     * @return one line per bundle that is not; empty when all run
     */
    List<String> inactive(List<PlatformBundle> expected) {
        List<String> inactive = new ArrayList<>();
        for (PlatformBundle wanted : expected) {
            for (Bundle bundle : context().getBundles()) {
                if (wanted.symbolicName().equals(bundle.getSymbolicName()) && !startedOrFragment(bundle)) {
                    inactive.add(wanted.symbolicName() + " (" + wanted.jar().getFileName() + ")");
                }
            }
        }
        return inactive;
    }

    /**
     * The errors the framework reported so far, for any bundle (those of {@code deploy/} included):
     * an activator that failed, a bundle that does not resolve.
     *
     * @return one line per error
     */
    List<String> errors() {
        synchronized (errors) {
            return List.copyOf(errors);
        }
    }

    private static boolean startedOrFragment(Bundle bundle) {
        return bundle.getState() == Bundle.ACTIVE || bundle.getHeaders().get("Fragment-Host") != null;
    }

    /**
     * The system bundle's context.
     *
     * @return the context
     */
    BundleContext context() {
        return framework.getBundleContext();
    }

    /**
     * Whether the framework runs and has not been asked to stop.
     *
     * @return true while active
     */
    boolean isActive() {
        return framework.getState() == Bundle.ACTIVE;
    }

    /**
     * Stops the framework (every bundle, in reverse start order: the stores are closed and flushed
     * when the multistore stops) and waits until it has stopped. Does nothing if it is stopped.
     *
     * @param timeout how long to wait
     * @return true if the framework stopped in time
     */
    boolean stop(Duration timeout) {
        try {
            framework.stop();
            return awaitStop(timeout);
        } catch (BundleException e) {
            System.err.println("skeleton: the framework did not stop cleanly: " + e.getMessage());
            return false;
        }
    }

    /**
     * Waits until the framework has stopped, whoever stopped it ({@code stop 0} in the console, the
     * console reaching the end of its input, the shutdown hook).
     *
     * @param timeout how long to wait; zero waits for ever
     * @return true if it stopped in time
     */
    boolean awaitStop(Duration timeout) {
        try {
            return framework.waitForStop(timeout.toMillis()).getType() != FrameworkEvent.WAIT_TIMEDOUT;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Remembers the errors the framework reports (a bundle whose activator failed, a resolve error). */
    private void collectError(FrameworkEvent event) {
        if (event.getType() != FrameworkEvent.ERROR) {
            return;
        }
        Throwable cause = event.getThrowable();
        String what = event.getBundle() == null ? "the framework" : event.getBundle().getSymbolicName();
        synchronized (errors) {
            errors.add(what + ": " + (cause == null ? "error" : cause.getMessage()));
        }
    }
}
