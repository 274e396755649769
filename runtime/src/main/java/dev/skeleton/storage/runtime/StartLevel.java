package dev.skeleton.storage.runtime;

/**
 * The start levels of the platform, in the order they come up; the framework stops them in the
 * reverse order. Which bundle starts at which level is data: see {@link StartLevels}.
 */
enum StartLevel {

    /** What the storage bundles use: Declarative Services, ConfigAdmin, EventAdmin, Metatype. */
    FRAMEWORK_SERVICES(1),
    /**
     * FileInstall, and the bundles it installs from {@code deploy/}: engines dropped there are up
     * before the multistore starts, and {@code etc/} configurations are in ConfigAdmin by then.
     */
    FOLDERS(2),
    /** The API, the engines and the multistore. */
    STORAGE(3),
    /** Gogo and the store commands. */
    COMMANDS(4),
    /**
     * The web console (HTTP, the Felix Web Console and its plugins): installed only with
     * {@code --web} (see {@link WebConsole}), after the storage bundles its pages show.
     */
    WEB(5),
    /** The Gogo console, last: every command is registered when it starts reading. */
    CONSOLE(6);

    private final int level;

    StartLevel(int level) {
        this.level = level;
    }

    /**
     * The OSGi start level.
     *
     * @return the level, 1 for the first
     */
    int level() {
        return level;
    }
}
