package dev.skeleton.storage.runtime;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * The packaged runtime started with {@code --web} on a free port, its Gogo console fed through
 * standard input (as {@link ConsoleMemoryIT} feeds it): shell commands typed one by one, and the
 * web console reached over HTTP with or without the password the platform made in {@code etc/}.
 * {@link #close()} stops the platform ({@code stop 0}) and destroys it if it does not end.
 */
final class WebConsoleProcess implements AutoCloseable {

    static final Duration START = Duration.ofSeconds(60);
    private static final Duration COMMANDS = Duration.ofSeconds(240);

    private final SkeletonProcess process;
    private final Path work;
    private final String host;
    private final int port;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final AtomicInteger marks = new AtomicInteger();

    private WebConsoleProcess(SkeletonProcess process, Path work, String host, int port) {
        this.process = process;
        this.work = work;
        this.host = host;
        this.port = port;
    }

    /**
     * Starts the platform with the web console and waits for its banner.
     *
     * @param work the working directory ({@code data/}, {@code etc/} inside)
     * @return the running platform
     */
    static WebConsoleProcess start(Path work) throws IOException, InterruptedException {
        int port = WebLauncherTest.freePort();
        SkeletonProcess process = SkeletonProcess.start(work, "--engine", "memory", "--web", Integer.toString(port));
        return started(new WebConsoleProcess(process, work, WebAddress.DEFAULT_HOST, port));
    }

    /**
     * Starts the platform with the web console on an interface of one's own ({@code --web-host}).
     *
     * @param work the working directory
     * @param host the interface's address, a loopback one
     * @return the running platform
     */
    static WebConsoleProcess start(Path work, String host) throws IOException, InterruptedException {
        int port = WebLauncherTest.freePort();
        SkeletonProcess process = SkeletonProcess.start(work, "--engine", "memory", "--web", Integer.toString(port),
                "--web-host", host);
        return started(new WebConsoleProcess(process, work, host, port));
    }

    private static WebConsoleProcess started(WebConsoleProcess console) throws InterruptedException {
        SkeletonProcess process = console.process;
        try {
            process.awaitOut(out -> out.contains("Ctrl-D quits"), START, "the banner");
        } catch (AssertionError | InterruptedException e) {
            process.close();
            throw e;
        }
        return console;
    }

    /** The running process. */
    SkeletonProcess process() {
        return process;
    }

    /** The URL of a path of the web server. */
    String url(String path) {
        return "http://" + host + ":" + port + path;
    }

    /** The port the web console listens on. */
    int port() {
        return port;
    }

    /** The user and password of {@code etc/webconsole.password}. */
    String[] credentials() {
        try {
            Properties properties = new Properties();
            properties.load(new StringReader(Files.readString(work.resolve("etc").resolve(WebCredentials.FILE))));
            return new String[] {properties.getProperty("user"), properties.getProperty("password")};
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A request to the web server.
     *
     * @param method   GET or POST
     * @param path     the path
     * @param user     the user, null for none
     * @param password the password
     * @param form     a form body for POST (with the storage page's request header), or null
     * @return the response
     */
    HttpResponse<String> request(String method, String path, String user, String password, String form)
            throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30));
        if (user != null) {
            String basic = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
            builder.header("Authorization", "Basic " + basic);
        }
        if (form != null) {
            builder.header("Content-Type", "application/x-www-form-urlencoded").header("X-Skeleton-Storage", "1")
                    .method(method, HttpRequest.BodyPublishers.ofString(form));
        } else {
            builder.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A GET with the platform's credentials. */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        String[] credentials = credentials();
        return request("GET", path, credentials[0], credentials[1], null);
    }

    /**
     * Types commands into the console and waits until it has run them: an {@code echo} of a mark
     * follows them, and the mark is awaited as the echo prints it (the console also echoes what it
     * reads, with the quotes).
     *
     * @param commands the lines
     * @return the console's output of these commands
     */
    String shell(String... commands) throws InterruptedException {
        int from = process.out().length();
        for (String command : commands) {
            process.type(command);
        }
        String mark = "done-" + marks.incrementAndGet() + "-mark";
        process.type("echo '" + mark + "'");
        Pattern printed = Pattern.compile("(?<!')" + mark + "(?!')");
        process.awaitOut(out -> printed.matcher(out.substring(Math.min(from, out.length()))).find(), COMMANDS,
                "the output of " + commands.length + " commands");
        return process.out().substring(from);
    }

    /** {@link #shell} for use inside a wait: an interruption becomes an unchecked exception. */
    String shellQuietly(String... commands) {
        try {
            return shell(commands);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            process.type("stop 0");
            process.exitStatus(START);
        } catch (RuntimeException | AssertionError e) {
            // Ended already, or does not end: destroyed below.
        } finally {
            process.close();
        }
    }
}
