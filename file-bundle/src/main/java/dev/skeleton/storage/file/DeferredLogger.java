package dev.skeleton.storage.file;

import java.util.ResourceBundle;

/**
 * The engine's {@link System.Logger}, looked up when something is first logged rather than when the
 * engine's classes load. The first {@code System.getLogger} of a JVM sets up its logging back end
 * ({@code java.util.logging}'s LogManager, by default), a few milliseconds that an application's
 * first open of a store would otherwise pay although a healthy open logs nothing.
 *
 * <p>Thread-safe: racing first uses may both look the logger up; the JDK hands both the same one.
 */
final class DeferredLogger implements System.Logger {

    private final String name;
    private volatile System.Logger target;

    /**
     * A logger for {@code name}, not yet looked up.
     *
     * @param name the logger's name
     */
    DeferredLogger(String name) {
        this.name = name;
    }

    @Override
    public String getName() {
        return name;
    }

    @Override
    public boolean isLoggable(Level level) {
        return target().isLoggable(level);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String message, Throwable thrown) {
        target().log(level, bundle, message, thrown);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... parameters) {
        target().log(level, bundle, format, parameters);
    }

    private System.Logger target() {
        System.Logger logger = target;
        if (logger == null) {
            logger = System.getLogger(name);
            target = logger;
        }
        return logger;
    }
}
