package dev.skeleton.storage.benchmarks;

import org.openjdk.jmh.infra.Blackhole;

/**
 * One store of the postgres suite under measurement: either a store of the postgres engine
 * ({@link #ENGINE}) or the plain-JDBC baseline ({@link #JDBC}), which keeps the same four tables
 * and sends the server the same SQL statements as the engine, over the driver's own connections,
 * without a pool and without any engine code. Every benchmark method is written once and runs the
 * same code against both, so the ratio of the two is the engine's own cost on top of the SQL it
 * has to run.
 *
 * <h2>The SQL of each operation</h2>
 * <table>
 *   <caption>What both targets send per operation, and what only the engine adds</caption>
 *   <tr><th>operation</th><th>statements of both</th><th>engine only (see its sources)</th></tr>
 *   <tr><td>{@link #set}</td><td>in one READ COMMITTED transaction: the clock lock
 *       {@code UPDATE meta SET seq = seq + 1 ... RETURNING seq, pruned_seq}, the statement that logs
 *       the old value and upserts the new one, {@code COMMIT}</td><td>a pool checkout and return;
 *       every 1,024th commit a pruning transaction (hash update, log delete) on the engine's maintenance
 *       thread</td></tr>
 *   <tr><td>{@link #load}</td><td>the snapshot transaction ({@code SET TRANSACTION ISOLATION LEVEL
 *       REPEATABLE READ; SELECT seq FROM meta} in one round trip, then {@code ROLLBACK}), then in
 *       one READ COMMITTED transaction the lock, the validation query ({@code key = ANY (?)} over
 *       every written key), the writes as one JDBC batch in key order, {@code COMMIT}</td><td>a pool
 *       checkout and return; the buffered writes in a copy-on-write tree</td></tr>
 *   <tr><td>{@link #get}</td><td>one autocommit {@code SELECT value ... WHERE key = ?}</td><td>a
 *       pool checkout and return</td></tr>
 *   <tr><td>{@link #range}</td><td>{@code SELECT key, value ... WHERE key >= ? AND key < ? ORDER BY
 *       key} with fetch size 256 in a read-only transaction (READ COMMITTED: one statement reads one
 *       snapshot), ended by {@code ROLLBACK}</td><td>a pool checkout and return</td></tr>
 * </table>
 *
 * <h2>Threads</h2>
 * Every method may be called from any number of threads at once: the engine is thread-safe, and
 * the baseline gives every thread connections of its own. Each JMH fork holds one implementation,
 * so the interface calls are monomorphic.
 */
interface PostgresTarget {

    /** The {@code target} parameter value of the postgres engine. */
    String ENGINE = "postgres";
    /** The {@code target} parameter value of the plain-JDBC baseline. */
    String JDBC = "jdbc";

    /**
     * Connects a target to a server.
     *
     * @param target   {@link #ENGINE} or {@link #JDBC}
     * @param url      the JDBC url, with the same parameters for both targets
     * @param login    the user and password
     * @param schema   the schema to keep the stores in; created if missing
     * @param readFrom where the engine reads ({@code primary} or {@code standby}); the baseline
     *                 reads the primary only
     * @return the client, to create stores with
     * @throws IllegalArgumentException for an unknown target, or the baseline asked to read a standby
     */
    static Client connect(String target, String url, PostgresLogin login, String schema, String readFrom) {
        return switch (target) {
            case ENGINE -> new PostgresEngineTarget.EngineClient(url, login, schema, readFrom);
            case JDBC -> {
                if (!"primary".equals(readFrom)) {
                    throw new IllegalArgumentException("the plain-JDBC baseline reads the primary only, not " + readFrom);
                }
                yield new PostgresJdbcTarget.JdbcClient(url, login, schema);
            }
            default -> throw new IllegalArgumentException("unknown target " + target + "; known: " + ENGINE + ", "
                    + JDBC);
        };
    }

    /**
     * Stores a key and a value as one commit of one write; the server has made it durable when
     * the call returns.
     *
     * @param key   the key
     * @param value the value
     */
    void set(byte[] key, byte[] value);

    /**
     * Stores {@code keys[from..to)} with {@code values[from..to)} as one atomic commit.
     *
     * @param keys   keys, none of them stored yet
     * @param values values, index for index
     * @param from   first index
     * @param to     index after the last
     */
    void load(byte[][] keys, byte[][] values, int from, int to);

    /**
     * Reads a value.
     *
     * @param key a stored key
     * @return the value
     */
    byte[] get(byte[] key);

    /**
     * Visits the entries from {@code start} (inclusive) up to {@code end} (exclusive) in ascending
     * unsigned key order.
     *
     * @param start the first key
     * @param end   the key after the last
     * @param sink  consumes each key and value
     * @return how many entries were visited
     */
    int range(byte[] start, byte[] end, Blackhole sink);

    /** Closes the store and removes its tables. */
    void drop();

    /**
     * A target's connection to the server, kept for the whole trial: the engine with its pool, or
     * the baseline's per-thread connections.
     */
    interface Client extends AutoCloseable {

        /**
         * Creates a new, empty store.
         *
         * @param name its name, unique in the client's schema
         * @return the store
         */
        PostgresTarget create(String name);

        /**
         * A line for the output, saying what was measured.
         *
         * @return for example {@code "postgres engine, pool of 10"}
         */
        String describe();

        /** Closes every connection; the stores must have been dropped. */
        @Override
        void close();
    }
}
