package dev.skeleton.storage.postgres;

import dev.skeleton.storage.core.ContentHash;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;

/**
 * The stores of one schema: the table {@code <schema>.skeleton_stores (name, id, max_versions)}
 * names each store and the id its tables are named by ({@code s_<id>_data} and so on, see
 * {@link StoreSql}). A store is known by its name to every engine on the same database and schema:
 * that is how several processes share it.
 *
 * <p>Ids are random (64 bits, hex), so that two engines creating stores at once never pick the same
 * table names, and a name can be reused after a destroy without meeting leftovers. Creating and
 * destroying are single transactions together with their DDL (PostgreSQL's DDL is transactional),
 * so a crash leaves either the whole store or nothing.
 */
final class Catalog {

    private static final SecureRandom IDS = new SecureRandom();

    private final String table;
    private final String schema;
    private final long lockTimeoutMillis;
    private volatile boolean ensured;

    /**
     * @param schema            the schema
     * @param lockTimeoutMillis how long a destroy waits for the transactions and iterations of
     *                          other processes on the store's tables before it gives up
     */
    Catalog(String schema, long lockTimeoutMillis) {
        this.schema = schema;
        this.table = schema + ".skeleton_stores";
        this.lockTimeoutMillis = lockTimeoutMillis;
    }

    /**
     * A store's entry.
     *
     * @param id          the id its tables are named by
     * @param maxVersions the versions it keeps (0 or less: all)
     */
    record Entry(String id, int maxVersions) {
    }

    /**
     * Makes the schema and the catalog table if they are missing. Two processes doing this at once
     * can collide in PostgreSQL's own catalog even with {@code IF NOT EXISTS}; the loser tries again.
     */
    void ensure(Database database) {
        if (ensured) {
            return;
        }
        database.transaction("preparing schema " + schema, connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
                statement.execute("CREATE TABLE IF NOT EXISTS " + table
                        + " (name TEXT PRIMARY KEY, id TEXT NOT NULL UNIQUE, max_versions INT NOT NULL)");
            }
            return null;
        }, Catalog::isCreationRace);
        ensured = true;
    }

    /** A concurrent CREATE ... IF NOT EXISTS of the same object: unique violation or duplicate object. */
    private static boolean isCreationRace(SQLException e) {
        return "23505".equals(e.getSQLState()) || "42P06".equals(e.getSQLState()) || "42P07".equals(e.getSQLState());
    }

    /**
     * A store's entry.
     *
     * @param connection a connection
     * @param name       the store's name
     * @return the entry, or null if there is no such store
     */
    Entry find(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id, max_versions FROM " + table + " WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new Entry(row.getString(1), row.getInt(2)) : null;
            }
        }
    }

    /**
     * Adds a store and makes its tables, in the caller's transaction.
     *
     * @param connection  a connection in a transaction
     * @param name        the store's name
     * @param maxVersions its setting
     * @return the new entry, or null if the name is taken
     */
    Entry create(Connection connection, String name, int maxVersions) throws SQLException {
        String id = HexFormat.of().toHexDigits(IDS.nextLong());
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + table
                + " (name, id, max_versions) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING")) {
            insert.setString(1, name);
            insert.setString(2, id);
            insert.setInt(3, maxVersions);
            if (insert.executeUpdate() == 0) {
                return null;
            }
        }
        StoreSql sql = new StoreSql(schema, id);
        try (Statement statement = connection.createStatement()) {
            for (String ddl : sql.createTables()) {
                statement.execute(ddl);
            }
        }
        try (PreparedStatement meta = connection.prepareStatement(sql.insertMeta())) {
            meta.setBytes(1, new ContentHash().state());
            meta.executeUpdate();
        }
        return new Entry(id, maxVersions);
    }

    /**
     * Removes a store and its tables, in the caller's transaction. Dropping a table waits for every
     * transaction that read it, and another process may keep one open for long: after the lock
     * timeout the destroy fails (lock_not_available, an {@code IO} error) and nothing is removed.
     *
     * @param connection a connection in a transaction
     * @param name       the store's name
     * @return whether there was such a store
     */
    boolean destroy(Connection connection, String name) throws SQLException {
        String id;
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET LOCAL lock_timeout = '" + lockTimeoutMillis + "ms'");
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT id FROM " + table + " WHERE name = ? FOR UPDATE")) {
            select.setString(1, name);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return false;
                }
                id = row.getString(1);
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String ddl : new StoreSql(schema, id).dropTables()) {
                statement.execute(ddl);
            }
        }
        try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE name = ?")) {
            delete.setString(1, name);
            delete.executeUpdate();
        }
        return true;
    }
}
