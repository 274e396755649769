package dev.skeleton.storage.postgres;

import java.sql.SQLException;
import java.util.List;

/**
 * The SQL of one store, with its table names filled in. A store {@code <id>} in schema {@code s}
 * has four tables:
 * <ul>
 *   <li>{@code s.s_<id>_data (key bytea primary key, value bytea not null)}: the live data. bytea
 *       compares bytes unsigned, which is the contract's key order.</li>
 *   <li>{@code s.s_<id>_log (seq, key, old_value)}: one row per change, with the commit's sequence
 *       number and the value the key had before (null: absent). Commits validate against it, and
 *       versions are rebuilt from it: it is the store's undo history.</li>
 *   <li>{@code s.s_<id>_versions (version, seq, hash, lanes)}: each saved version as the sequence
 *       number it was taken at, its content hash and the hash's 64 lanes.</li>
 *   <li>{@code s.s_<id>_meta}: one row, the store's clock ({@code seq}), version numbers, the
 *       running hash and how far the log was pruned. Every change locks this row first, which orders
 *       all commits of the store, from every process, by {@code seq}.</li>
 * </ul>
 *
 * <p>Only SQL that CockroachDB and YugabyteDB accept too: no advisory locks, no stored procedures,
 * no {@code MERGE}, no temporary tables, no statement that modifies one table twice. One
 * exception, which nothing depends on: {@link #sizes} reads PostgreSQL's {@code pg_class} and
 * {@code pg_total_relation_size}; where a server lacks them, the store's metrics go without
 * {@code entries} and {@code disk_bytes} ({@link TableFigures}).
 */
final class StoreSql {

    final String data;
    final String log;
    final String versions;
    final String meta;

    final String get;
    final String has;
    final String readClock;
    final String beginSnapshot;
    final String lock;
    final String set;
    final String delete;
    final String changedKey;
    final String readMeta;
    final String listVersions;
    final String versionById;
    final String changesSince;
    final String insertVersion;
    final String updateHash;
    final String dropOldVersions;
    final String oldestVersionSeq;
    final String pruneLog;
    final String markPruned;
    final String loadLog;
    final String loadDeletes;
    final String loadSets;
    final String setCurrentVersion;
    final String setVersions;
    final String versionGet;
    final String sizes;
    final String count;

    StoreSql(String schema, String id) {
        String prefix = schema + ".s_" + id;
        data = prefix + "_data";
        log = prefix + "_log";
        versions = prefix + "_versions";
        meta = prefix + "_meta";
        get = "SELECT value FROM " + data + " WHERE key = ?";
        has = "SELECT 1 FROM " + data + " WHERE key = ?";
        readClock = "SELECT seq FROM " + meta + " WHERE id = 1";
        beginSnapshot = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; " + readClock;
        lock = "UPDATE " + meta + " SET seq = seq + 1 WHERE id = 1 RETURNING seq, pruned_seq";
        set = "WITH logged AS (INSERT INTO " + log + " (seq, key, old_value) SELECT ?, ?, (SELECT value FROM "
                + data + " WHERE key = ?)) INSERT INTO " + data
                + " (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value";
        delete = "WITH gone AS (DELETE FROM " + data + " WHERE key = ? RETURNING key, value) INSERT INTO " + log
                + " (seq, key, old_value) SELECT ?, key, value FROM gone";
        changedKey = "SELECT key FROM " + log + " WHERE seq > ? AND key = ANY (?) LIMIT 1";
        readMeta = "SELECT seq, current_version, next_version, hash_seq, hash_lanes, pruned_seq FROM " + meta
                + " WHERE id = 1";
        listVersions = "SELECT version FROM " + versions + " ORDER BY version";
        versionById = "SELECT seq, hash, lanes FROM " + versions + " WHERE version = ?";
        // For each key changed after a point: the value it had then (its first change's old value)
        // and the value it has now.
        changesSince = "SELECT DISTINCT ON (l.key) l.key, l.old_value, d.value FROM " + log + " l LEFT JOIN "
                + data + " d ON d.key = l.key WHERE l.seq > ? ORDER BY l.key, l.seq";
        insertVersion = "INSERT INTO " + versions + " (version, seq, hash, lanes) VALUES (?, ?, ?, ?)";
        updateHash = "UPDATE " + meta + " SET hash_seq = ?, hash_lanes = ? WHERE id = 1";
        dropOldVersions = "DELETE FROM " + versions + " WHERE version <= ?";
        oldestVersionSeq = "SELECT min(seq) FROM " + versions;
        pruneLog = "DELETE FROM " + log + " WHERE seq <= ?";
        markPruned = "UPDATE " + meta + " SET pruned_seq = ? WHERE id = 1";
        String target = "WITH target AS (SELECT DISTINCT ON (key) key, old_value FROM " + log
                + " WHERE seq > ? ORDER BY key, seq) ";
        loadLog = target + "INSERT INTO " + log + " (seq, key, old_value) SELECT ?, t.key, d.value FROM target t"
                + " LEFT JOIN " + data + " d ON d.key = t.key WHERE t.old_value IS DISTINCT FROM d.value";
        loadDeletes = target + "DELETE FROM " + data + " WHERE key IN (SELECT key FROM target WHERE old_value IS NULL)";
        loadSets = target + "INSERT INTO " + data + " (key, value) SELECT key, old_value FROM target"
                + " WHERE old_value IS NOT NULL ON CONFLICT (key) DO UPDATE SET value = excluded.value";
        setCurrentVersion = "UPDATE " + meta + " SET current_version = ? WHERE id = 1";
        setVersions = "UPDATE " + meta + " SET current_version = ?, next_version = ? WHERE id = 1";
        // A key's value in a version (see VersionRows): its first change's old value after the
        // version's point, else its live value; no row or a null value: absent.
        versionGet = "(SELECT old_value, 0 AS source FROM " + log + " WHERE key = ? AND seq > ? ORDER BY seq LIMIT 1)"
                + " UNION ALL (SELECT value, 1 FROM " + data + " WHERE key = ?) ORDER BY source LIMIT 1";
        // The planner's estimate of the data's rows and the bytes of all four tables with their
        // indexes and TOAST (see TableFigures); the names are ours, so quoting them is no concern.
        sizes = "SELECT reltuples::bigint, " + totalSize(data) + " + " + totalSize(log) + " + " + totalSize(versions)
                + " + " + totalSize(meta) + " FROM pg_class WHERE oid = '" + data + "'::regclass";
        count = "SELECT count(*) FROM " + data;
    }

    private static String totalSize(String table) {
        return "pg_total_relation_size('" + table + "')";
    }

    /**
     * The failure of finding no meta row: the store's tables were dropped (by a destroy elsewhere)
     * between two statements. It carries the SQLState of an undefined table, so that it is reported
     * as the store being gone, as a dropped table is ({@link SqlErrors}).
     *
     * @param store the store's name
     * @return the exception to throw
     */
    static SQLException missingMeta(String store) {
        return new SQLException("the meta row of store " + store + " is missing", "42P01");
    }

    /** The statements that make the store's tables, in order; then {@link #insertMeta()}. */
    List<String> createTables() {
        return List.of(
                "CREATE TABLE " + data + " (key BYTEA PRIMARY KEY, value BYTEA NOT NULL)",
                "CREATE TABLE " + log + " (seq BIGINT NOT NULL, key BYTEA NOT NULL, old_value BYTEA,"
                        + " PRIMARY KEY (key, seq))",
                "CREATE INDEX " + log.substring(log.indexOf('.') + 1) + "_by_seq ON " + log + " (seq)",
                "CREATE TABLE " + versions + " (version BIGINT PRIMARY KEY, seq BIGINT NOT NULL,"
                        + " hash BYTEA NOT NULL, lanes BYTEA NOT NULL)",
                "CREATE TABLE " + meta + " (id INT PRIMARY KEY, seq BIGINT NOT NULL, current_version BIGINT NOT NULL,"
                        + " next_version BIGINT NOT NULL, hash_seq BIGINT NOT NULL, hash_lanes BYTEA NOT NULL,"
                        + " pruned_seq BIGINT NOT NULL)");
    }

    /** The insert of the meta row of a new store; its one parameter is the empty hash's lanes. */
    String insertMeta() {
        return "INSERT INTO " + meta + " (id, seq, current_version, next_version, hash_seq, hash_lanes, pruned_seq)"
                + " VALUES (1, 0, 0, 1, 0, ?, 0)";
    }

    /** The statements that remove the store's tables. */
    List<String> dropTables() {
        return List.of("DROP TABLE IF EXISTS " + meta, "DROP TABLE IF EXISTS " + versions,
                "DROP TABLE IF EXISTS " + log, "DROP TABLE IF EXISTS " + data);
    }

    /**
     * A scan of the data in key order, bounded as the arguments say.
     *
     * @param from      whether there is a lower bound (inclusive, the first parameter)
     * @param to        whether there is an upper bound (exclusive, the next parameter)
     * @param ascending the order
     * @return the query
     */
    String scan(boolean from, boolean to, boolean ascending) {
        return "SELECT key, value FROM " + data + bounds(from, to, "") + " ORDER BY key" + (ascending ? "" : " DESC");
    }

    /**
     * A scan of a saved version in key order (see {@link VersionRows}): the first old value after the
     * version's point of each key changed since, where it was present then, merged with the live rows
     * of the keys not changed since. The first parameter is the version's point; then the bounds as
     * for {@link #scan}, once for the changed keys and once for the live rows.
     *
     * @param from      whether there is a lower bound
     * @param to        whether there is an upper bound
     * @param ascending the order
     * @return the query
     */
    String versionScan(boolean from, boolean to, boolean ascending) {
        return "WITH changed AS (SELECT DISTINCT ON (key) key, old_value FROM " + log + bounds(from, to, "seq > ?")
                + " ORDER BY key, seq) SELECT key, value FROM " + data + " d"
                + bounds(from, to, "NOT EXISTS (SELECT 1 FROM changed c WHERE c.key = d.key)")
                + " UNION ALL SELECT key, old_value FROM changed WHERE old_value IS NOT NULL ORDER BY key"
                + (ascending ? "" : " DESC");
    }

    /**
     * Whether a key of a range changed after a point: the first parameter is the point, then the
     * bounds as for {@link #scan}.
     */
    String changedInRange(boolean from, boolean to) {
        return "SELECT key FROM " + log + bounds(from, to, "seq > ?") + " LIMIT 1";
    }

    private static String bounds(boolean from, boolean to, String first) {
        StringBuilder where = new StringBuilder(first);
        if (from) {
            where.append(where.length() == 0 ? "" : " AND ").append("key >= ?");
        }
        if (to) {
            where.append(where.length() == 0 ? "" : " AND ").append("key < ?");
        }
        return where.length() == 0 ? "" : " WHERE " + where;
    }
}
