package dev.skeleton.storage.postgres.testserver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A server that someone else runs, named by the environment: {@code SKELETON_PG_URL} (a JDBC
 * URL such as {@code jdbc:postgresql://127.0.0.1:5432/postgres}), {@code SKELETON_PG_USER} and
 * {@code SKELETON_PG_PASSWORD}. CI starts one for the whole build this way. Not ours to stop.
 */
final class ExternalServer implements ServerControl {

    /** The variable that names the server; when it is unset there is no external server. */
    static final String URL_VARIABLE = "SKELETON_PG_URL";
    static final String USER_VARIABLE = "SKELETON_PG_USER";
    static final String PASSWORD_VARIABLE = "SKELETON_PG_PASSWORD";

    private static final String SCHEME = "jdbc:postgresql://";
    private static final int DEFAULT_PORT = 5432;
    private static final int CONNECT_TIMEOUT_MILLIS = 2000;

    private final Endpoint endpoint;

    private ExternalServer(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** The server the environment names, if it names one. */
    static Optional<ExternalServer> fromEnvironment() {
        return fromVariables(System.getenv());
    }

    /**
     * The server {@code variables} name. The user defaults to the OS user and the password to
     * none, as they do for the PostgreSQL driver and for libpq.
     *
     * @throws IllegalStateException if the URL is set but is not a {@code jdbc:postgresql://} URL
     */
    static Optional<ExternalServer> fromVariables(Map<String, String> variables) {
        String url = variables.get(URL_VARIABLE);
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        String user = Objects.requireNonNullElse(variables.get(USER_VARIABLE),
                System.getProperty("user.name"));
        String password = Objects.requireNonNullElse(variables.get(PASSWORD_VARIABLE), "");
        return Optional.of(new ExternalServer(parse(url.strip(), user, password)));
    }

    @Override
    public Endpoint endpoint() {
        return endpoint;
    }

    @Override
    public boolean canRestart() {
        return false;
    }

    @Override
    public void start() {
        throw notOurs();
    }

    @Override
    public void stop() {
        throw notOurs();
    }

    @Override
    public boolean isRunning() {
        // Without a driver the best sign of life is a port that accepts a TCP connection.
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        // Someone else started it, someone else stops it.
    }

    @Override
    public Optional<Path> psql() {
        return Executables.find("psql");
    }

    private static UnsupportedOperationException notOurs() {
        return new UnsupportedOperationException("the PostgreSQL server at " + URL_VARIABLE
                + " is run by someone else and cannot be restarted from a test; check canRestart()");
    }

    private static Endpoint parse(String url, String user, String password) {
        if (!url.startsWith(SCHEME)) {
            throw badUrl(url, null);
        }
        try {
            URI uri = new URI(url.substring("jdbc:".length()));
            if (uri.getHost() == null) {
                throw badUrl(url, null);
            }
            String host = uri.getHost().replaceAll("^\\[|]$", ""); // psql wants ::1, not [::1]
            int port = uri.getPort() < 0 ? DEFAULT_PORT : uri.getPort();
            String path = Objects.requireNonNullElse(uri.getRawPath(), "");
            String database = path.startsWith("/") ? path.substring(1) : path;
            // The driver, like libpq, logs in to the user's own database when the URL names none.
            database = database.isEmpty() ? user : database;
            String prefix = SCHEME + uri.getRawAuthority() + "/";
            String suffix = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
            return new Endpoint(host, port, user, password, database, prefix, suffix);
        } catch (URISyntaxException e) {
            throw badUrl(url, e);
        }
    }

    private static IllegalStateException badUrl(String url, Exception cause) {
        return new IllegalStateException(URL_VARIABLE + " must be a JDBC URL with one host, like"
                + " jdbc:postgresql://127.0.0.1:5432/postgres, but is '" + url + "'", cause);
    }
}
