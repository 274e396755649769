package dev.skeleton.storage.runtime;

/**
 * Where the web console listens: the interface's address or host name, and the port.
 *
 * @param host the address Jetty binds to ({@code 127.0.0.1} unless {@code --web-host} says otherwise)
 * @param port the TCP port, 1 to 65535
 */
record WebAddress(String host, int port) {

    /** The port of {@code --web} without a number. */
    static final int DEFAULT_PORT = 8080;
    /** The interface of {@code --web} without {@code --web-host}: this machine only. */
    static final String DEFAULT_HOST = "127.0.0.1";

    /**
     * The URL of a path on this address, as a browser on this machine opens it. An IPv6 address is
     * bracketed; the wildcard addresses, which are no place to connect to, become the loopback one.
     *
     * @param path the path, starting with {@code /}
     * @return the URL
     */
    String url(String path) {
        String connectTo = switch (host) {
            case "0.0.0.0" -> "127.0.0.1";
            case "::", "[::]" -> "[::1]";
            default -> host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        };
        return "http://" + connectTo + ":" + port + path;
    }
}
