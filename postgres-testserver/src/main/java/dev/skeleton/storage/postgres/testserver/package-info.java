/**
 * A real PostgreSQL server for tests and benchmarks, with no dependency beyond the JDK.
 *
 * <p>{@link dev.skeleton.storage.postgres.testserver.PostgresTestServer#shared()} gives every
 * test in a JVM the same server: an external one named by {@code SKELETON_PG_URL}, or else a
 * throw-away server that it initialises and starts from the machine's own PostgreSQL binaries
 * and removes when the JVM exits. The library drives the server only through its command-line
 * programs ({@code initdb}, {@code pg_ctl}, {@code psql}), so it needs no JDBC driver of its own;
 * tests connect with whatever driver they use.
 *
 * <p>{@link dev.skeleton.storage.postgres.testserver.ReplicatedTestServers} starts a primary and a
 * streaming standby for failover tests ({@code pg_basebackup}, {@code pg_ctl promote},
 * {@code pg_rewind}): each test that kills a primary takes a pair of its own.
 */
package dev.skeleton.storage.postgres.testserver;
