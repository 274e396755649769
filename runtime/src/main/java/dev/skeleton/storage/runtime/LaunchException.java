package dev.skeleton.storage.runtime;

/**
 * The launcher cannot do what it was asked: bad options, a missing or broken bundle folder, a
 * platform that does not come up. The message is one line for the user; the exit status tells the
 * kind of failure.
 */
final class LaunchException extends Exception {

    private static final long serialVersionUID = 1L;

    private final int exitStatus;

    LaunchException(int exitStatus, String message) {
        this(exitStatus, message, null);
    }

    LaunchException(int exitStatus, String message, Throwable cause) {
        super(message, cause);
        this.exitStatus = exitStatus;
    }

    /**
     * The exit status of the launcher for this failure.
     *
     * @return {@link ExitStatus#USAGE} or {@link ExitStatus#START_FAILED}
     */
    int exitStatus() {
        return exitStatus;
    }
}
