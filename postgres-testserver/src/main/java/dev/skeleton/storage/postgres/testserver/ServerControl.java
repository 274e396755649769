package dev.skeleton.storage.postgres.testserver;

import java.nio.file.Path;
import java.util.Optional;

/** What {@link PostgresTestServer} does differently for a throw-away server and an external one. */
interface ServerControl {

    /** Where the server listens and how to log in. */
    Endpoint endpoint();

    /** True when {@link #stop()} and {@link #start()} work. */
    boolean canRestart();

    /** Starts the stopped server again, on the same port with the same data. */
    void start();

    /** Stops the server, keeping its data. */
    void stop();

    /** True while the server accepts connections, as far as can be told without logging in. */
    boolean isRunning();

    /** Stops the server for good and removes what it left on disk. */
    void close();

    /** The {@code psql} that can talk to this server, if there is one. */
    Optional<Path> psql();
}
