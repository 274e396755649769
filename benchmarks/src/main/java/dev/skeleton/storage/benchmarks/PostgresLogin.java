package dev.skeleton.storage.benchmarks;

/**
 * How the postgres targets log in: the same user and password for the engine and the baseline, on
 * one server or on each of a replicated pair.
 *
 * @param user     the user
 * @param password the password
 */
record PostgresLogin(String user, String password) {

    /** Shows the user, never the password. */
    @Override
    public String toString() {
        return "PostgresLogin[" + user + "]";
    }
}
