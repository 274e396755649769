package dev.skeleton.storage.runtime;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * A session of the Gogo {@code CommandProcessor} service, used from outside the framework (see
 * {@link Foreign}): the session in which the launcher runs {@code -c} commands and scripts.
 */
final class GogoSession implements Shell, AutoCloseable {

    /** The service interface of the command processor. */
    static final String PROCESSOR = "org.apache.felix.service.command.CommandProcessor";
    private static final String SESSION = "org.apache.felix.service.command.CommandSession";
    /** {@code Converter.INSPECT}: the detail the interactive console prints results with. */
    private static final int INSPECT = 0;

    private final Object session;

    private GogoSession(Object session) {
        this.session = session;
    }

    /**
     * Opens a session.
     *
     * @param processor the {@code CommandProcessor} service object
     * @param in        the commands' standard input
     * @param out       their standard output
     * @param err       their standard error
     * @return the session
     * @throws IllegalStateException if the processor refuses to create a session
     */
    static GogoSession open(Object processor, InputStream in, PrintStream out, PrintStream err) {
        try {
            return new GogoSession(Foreign.call(processor, PROCESSOR, "createSession",
                    new Class<?>[] {InputStream.class, OutputStream.class, OutputStream.class}, in, out, err));
        } catch (Exception e) {
            throw new IllegalStateException("cannot open a Gogo session: " + e, e);
        }
    }

    @Override
    public Object execute(String statement) throws Exception {
        return Foreign.call(session, SESSION, "execute", new Class<?>[] {CharSequence.class}, statement);
    }

    @Override
    public String format(Object result) {
        try {
            return String.valueOf(Foreign.call(session, SESSION, "format",
                    new Class<?>[] {Object.class, int.class}, result, INSPECT));
        } catch (Exception e) {
            // A result Gogo cannot format is still worth showing.
            return String.valueOf(result);
        }
    }

    @Override
    public void close() {
        try {
            Foreign.call(session, SESSION, "close", new Class<?>[0]);
        } catch (Exception e) {
            // Closing a session only releases it; nothing to report.
        }
    }
}
