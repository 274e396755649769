package dev.skeleton.storage.postgres.testserver;

/**
 * Where a server listens and how to log in: everything a test needs to connect.
 *
 * @param host      the host name or address, without IPv6 brackets
 * @param port      the TCP port
 * @param user      the user to log in as
 * @param password  that user's password (empty when the server needs none)
 * @param database  the database the URL names
 * @param urlPrefix the JDBC URL up to the database name, e.g. {@code jdbc:postgresql://127.0.0.1:5432/}
 * @param urlSuffix what follows the database name: empty, or the URL's {@code ?parameters}
 */
record Endpoint(String host, int port, String user, String password, String database,
        String urlPrefix, String urlSuffix) {

    /** The JDBC URL of {@link #database()}. */
    String url() {
        return urlFor(database);
    }

    /** The JDBC URL of another database on the same server, keeping the URL's parameters. */
    String urlFor(String otherDatabase) {
        return urlPrefix + otherDatabase + urlSuffix;
    }

    /** An endpoint on the loopback address, as every throw-away server has. */
    static Endpoint loopback(int port, String user, String password, String database) {
        String host = "127.0.0.1";
        return new Endpoint(host, port, user, password, database,
                "jdbc:postgresql://" + host + ":" + port + "/", "");
    }
}
