package dev.skeleton.storage.runtime;

/**
 * Where commands run: a command session of the platform's shell. The launcher's
 * {@link CommandRunner} needs nothing more.
 */
interface Shell {

    /**
     * Runs one statement.
     *
     * @param statement the statement, as the user wrote it
     * @return its result, or null
     * @throws Exception whatever the command threw: the statement failed
     */
    Object execute(String statement) throws Exception;

    /**
     * The text the console prints for a result.
     *
     * @param result a non-null result of {@link #execute}
     * @return the text
     */
    String format(Object result);
}
