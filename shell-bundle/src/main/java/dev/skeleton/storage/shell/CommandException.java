package dev.skeleton.storage.shell;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.util.function.Supplier;

/**
 * The failure of a command of scope {@code store}, shaped so that every Gogo shell prints it as
 * exactly one readable line and nothing else.
 *
 * <h2>Why this shape</h2>
 * A command that throws makes Gogo end the command line (and a script) with a failure, which is what
 * a script needs; what the shell prints is decided by the shell, from this exception:
 * <ul>
 *   <li>the interactive console of {@code org.apache.felix.gogo.shell} 1.1 prints
 *       {@code gogo: <simple class name>: <message>}:
 *       {@code gogo: CommandException: KEY_NOT_FOUND: key "k" not found in store users};</li>
 *   <li>the JLine shell ({@code org.apache.felix.gogo.jline}), the console of the Skeleton Storage
 *       platform, prints {@link #toString()}:
 *       {@code store: KEY_NOT_FOUND: key "k" not found in store users};</li>
 *   <li>a script run from {@code gosh.args} that fails is reported by the gogo.shell activator with
 *       the line above plus {@code printStackTrace()}, which for this exception is only
 *       {@link #toString()}: it has no stack frames and no cause, so no trace can appear;</li>
 *   <li>Karaf's shell treats an exception whose simple class name is {@code CommandException} as a
 *       user's mistake: it prints the message and logs it at DEBUG. Any other name is logged at ERROR
 *       with a stack trace in {@code karaf.log} for every mistyped key: hence this class's name.</li>
 * </ul>
 * The message is {@code <ERROR_CODE>: <what failed and on what>}, one line: line breaks in an
 * underlying message are replaced by blanks. The underlying exception stays reachable through
 * {@link #failure()} (in Gogo: {@code $exception failure}) for whoever wants its stack trace.
 *
 * <p>Instances are immutable.
 */
public final class CommandException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** The code of the storage failure; null for a failure that was not a storage error. */
    private final ErrorCode code;

    /** The exception the command caught; kept out of the cause chain on purpose. */
    private final RuntimeException failure;

    private CommandException(ErrorCode code, String message, RuntimeException failure) {
        super(oneLine(message), null, false, false);
        this.code = code;
        this.failure = failure;
    }

    /**
     * Runs a command, turning every failure into this one-line exception.
     *
     * @param command the command
     * @param <T>     what the command returns
     * @return what the command returned
     * @throws CommandException for any {@link RuntimeException} the command throws
     */
    static <T> T run(Supplier<T> command) {
        try {
            return command.get();
        } catch (StorageException e) {
            throw of(e);
        } catch (RuntimeException e) {
            throw unexpected(e);
        }
    }

    /**
     * The command failure for a storage error (including bad command input, which the commands
     * report as {@link ErrorCode#INVALID_ARGUMENT}).
     *
     * @param e the storage error
     * @return an exception whose message is {@code CODE: message}
     */
    static CommandException of(StorageException e) {
        return new CommandException(e.code(), e.code() + ": " + e.getMessage(), e);
    }

    /**
     * The command failure for an exception that is no storage error (a bug, or an engine breaking
     * the contract): still one line, naming the exception's type.
     *
     * @param e the exception
     * @return an exception whose message is {@code SimpleClassName: message}
     */
    static CommandException unexpected(RuntimeException e) {
        return new CommandException(null, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
    }

    /**
     * The code of the storage failure.
     *
     * @return the code, or null if the command failed with something other than a
     *         {@link StorageException}
     */
    public ErrorCode code() {
        return code;
    }

    /**
     * The exception the command caught, with its stack trace; it is deliberately not the
     * {@linkplain #getCause() cause}, so that no shell prints it.
     *
     * @return the original exception
     */
    public RuntimeException failure() {
        return failure;
    }

    /**
     * The line JLine-based shells print: {@code store: <message>}.
     *
     * @return the one line
     */
    @Override
    public String toString() {
        return "store: " + getMessage();
    }

    private static String oneLine(String message) {
        return message.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
