package dev.skeleton.storage.runtime;

/** The exit statuses of the launcher, which scripts test. */
final class ExitStatus {

    /** Every command succeeded, or the platform was stopped normally. */
    static final int OK = 0;
    /** A command failed; the commands after it did not run. */
    static final int COMMAND_FAILED = 1;
    /** The command line was wrong. */
    static final int USAGE = 2;
    /**
     * The platform did not come up (missing bundles, a bundle that does not start, a timeout), or
     * its data or cache folder is in use by another platform; {@code ./skeleton} also gives it for
     * a failed build.
     */
    static final int START_FAILED = 3;

    private ExitStatus() {
    }
}
