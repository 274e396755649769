package dev.skeleton.storage.postgres.testserver;

/**
 * Closes a throw-away server that the JVM's exit finds still open: a shutdown hook, taken back when
 * the server is closed first.
 */
final class ExitCleanup {

    private final Thread hook;

    /**
     * Registers the hook.
     *
     * @param name  the hook thread's name
     * @param close closes the server; a failure at exit is printed, since nobody is left to throw to
     */
    ExitCleanup(String name, Runnable close) {
        this.hook = new Thread(() -> {
            try {
                close.run();
            } catch (RuntimeException e) {
                System.err.println("postgres-testserver: could not clean up at exit: " + e.getMessage());
            }
        }, name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Takes the hook back, from a {@code close()} that runs before the exit (not in the hook itself). */
    void cancel() {
        if (Thread.currentThread() == hook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down and runs the hook, which finds the server closed.
        }
    }
}
