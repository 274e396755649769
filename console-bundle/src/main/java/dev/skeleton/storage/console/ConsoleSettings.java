package dev.skeleton.storage.console;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * What the console bundle is asked to do, read from two framework properties that the launcher
 * sets:
 * <ul>
 *   <li>{@value #GOSH_ARGS}: Gogo's usual property; when it holds {@code --nointeractive} (the
 *       launcher's {@code -c} and script modes) no console opens and standard input is left alone,
 *       so that a script read from it ({@code skeleton -}) stays the launcher's; the console
 *       bundle then only registers Gogo's built-in commands, which scripts use;</li>
 *   <li>{@value #HISTORY}: the file the console keeps its history in (the launcher gives
 *       {@code <data>/.history}); without it the history lasts as long as the console.</li>
 * </ul>
 *
 * @param interactive whether to open the console
 * @param history     the history file, if any
 */
record ConsoleSettings(boolean interactive, Optional<Path> history) {

    /** Gogo's property with the shell's options. */
    static final String GOSH_ARGS = "gosh.args";
    /** The property naming the history file. */
    static final String HISTORY = "skeleton.console.history";
    /** The option of {@value #GOSH_ARGS} that keeps the console closed. */
    static final String NOT_INTERACTIVE = "--nointeractive";

    /**
     * The settings from the framework's properties.
     *
     * @param properties the framework's properties by name (null when unset), such as
     *                   {@code BundleContext::getProperty}
     * @return the settings
     */
    static ConsoleSettings of(UnaryOperator<String> properties) {
        String args = properties.apply(GOSH_ARGS);
        boolean interactive = args == null || Arrays.stream(args.trim().split("\\s+")).noneMatch(NOT_INTERACTIVE::equals);
        String history = properties.apply(HISTORY);
        return new ConsoleSettings(interactive,
                history == null || history.isBlank() ? Optional.empty() : Optional.of(Path.of(history.trim())));
    }
}
