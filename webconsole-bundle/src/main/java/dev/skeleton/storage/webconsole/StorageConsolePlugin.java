package dev.skeleton.storage.webconsole;

import dev.skeleton.storage.MultiStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URL;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.servlet.Servlet;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The "Storage" page of the Apache Felix Web Console ({@code /system/console/storage}): a plain
 * {@link HttpServlet} registered as a {@link Servlet} service with the label {@value #LABEL}, which
 * the Web Console (4.x, javax.servlet) finds and wraps into its page template. The page shows the
 * engines and stores of the {@link MultiStore} service, live charts of the selected store, a key
 * browser, the store's saved versions, and creates and deletes stores.
 *
 * <h2>Endpoints</h2>
 * Paths are relative to the plugin's root ({@code /system/console/storage}). Every JSON answer is
 * UTF-8 ({@code application/json}); an error is {@code {"error": "CODE: message"}} with status 400,
 * 404 or 409 as {@link ErrorStatus} maps the {@code StorageException}'s code (500 for
 * {@code IO} and {@code CORRUPTED}), 503 ({@code UNAVAILABLE}) while no multistore is bound.
 * <table>
 *   <caption>Endpoints</caption>
 *   <tr><th>Request</th><th>Parameters</th><th>Answer</th></tr>
 *   <tr><td>GET (the root)</td><td></td><td>the page (HTML, inside the console's template); its
 *       script and style sheet are {@code res/storage.js} and {@code res/storage.css}</td></tr>
 *   <tr><td>GET {@code stores.json}</td><td></td><td>{@code defaultEngine}; {@code engines}: each
 *       {@code name}, {@code present}, {@code default}; {@code stores}: each {@code name},
 *       {@code engine}, {@code available} (engine present), {@code open}, {@code status}
 *       ({@code open}, {@code closed}, {@code engine absent}), {@code entries}, {@code diskBytes},
 *       {@code versions} (null where unknown). See {@link StoreOverview}.</td></tr>
 *   <tr><td>GET {@code stats.json}</td><td>{@code store}</td><td>the store's counters and latencies
 *       for the charts: {@code millis} (a monotonic clock), {@code reads}, {@code writes},
 *       {@code commits}, {@code failed}, {@code operations} by kind, {@code bytesRead},
 *       {@code bytesWritten}, {@code latencies.reads|writes|commits} ({@code samples},
 *       {@code p50Nanos} … {@code maxNanos}), {@code versions}, {@code engineMetrics}. See
 *       {@link StoreFigures}.</td></tr>
 *   <tr><td>GET {@code keys.json}</td><td>{@code store}, {@code prefix}, {@code start},
 *       {@code end}, {@code hex=true|false}, {@code after}, {@code limit} (default 50, at most
 *       1000)</td><td>one page of keys: {@code keys} (each {@code key}, {@code value},
 *       {@code valueBytes}, {@code cut}), {@code count}, {@code more}, {@code next} (the
 *       {@code after} of the next page: the hex of the last key shown). Values over 1 KiB are cut
 *       with {@code "…(N bytes)"}. A page reads only its own range of the store. See
 *       {@link KeyBrowser} and {@link KeyPager}.</td></tr>
 *   <tr><td>GET {@code versions.json}</td><td>{@code store}</td><td>{@code versioned},
 *       {@code current} (0 before any save), {@code versions}: each {@code version},
 *       {@code current}; ascending</td></tr>
 *   <tr><td>POST {@code create}</td><td>{@code name}, {@code engine} (empty: the default
 *       engine)</td><td>{@code store}, {@code engine}, {@code message}</td></tr>
 *   <tr><td>POST {@code delete}</td><td>{@code store}</td><td>{@code store},
 *       {@code message}</td></tr>
 *   <tr><td>POST {@code save}</td><td>{@code store}</td><td>{@code version}, {@code hash} (hex),
 *       {@code message}</td></tr>
 *   <tr><td>POST {@code load}</td><td>{@code store}, {@code version}</td><td>{@code version},
 *       {@code message}</td></tr>
 * </table>
 * POST parameters are form fields ({@code application/x-www-form-urlencoded}).
 *
 * <h2>Safety</h2>
 * A changing request (create, delete, save, load) must be a POST with the header
 * {@code X-Skeleton-Storage: 1}, which the page's script sets: without it the answer is 403, and a
 * GET of a changing endpoint is 405; neither changes anything ({@link RequestGuard}). This is the
 * page's protection against cross-site requests, on top of the Web Console's authentication. Keys,
 * values and names reach the page only as text: JSON escaped by {@link Json}, put into the page
 * with {@code textContent}.
 *
 * <h2>Inside the Web Console</h2>
 * The console calls {@link #getResource(String)} first on every GET (that is how it serves
 * {@code res/...}); then it wraps a GET whose last URL segment has no extension into its page
 * template and passes other requests (the {@code .json} endpoints, every POST) through untouched.
 * The servlet therefore writes the page, and the answer to a GET of a changing endpoint, as HTML
 * through the response's writer, and everything else as JSON. It also serves {@code res/...}
 * itself, so that it works on its own in any javax.servlet container.
 *
 * <h2>The multistore</h2>
 * The reference is optional, dynamic and greedy: without a multistore the page stays in the
 * console's menu and its endpoints answer 503, instead of the page disappearing exactly when the
 * storage is down. Thread-safe: the bound multistore is one atomic reference; everything else is
 * stateless.
 */
@Component(service = Servlet.class, property = {
        "felix.webconsole.label=" + StorageConsolePlugin.LABEL,
        "felix.webconsole.title=" + StorageConsolePlugin.TITLE,
        "felix.webconsole.category=" + StorageConsolePlugin.CATEGORY})
public final class StorageConsolePlugin extends HttpServlet {

    /** The page's label: the last segment of its URL. */
    static final String LABEL = "storage";
    /** The page's title in the console's menu. */
    static final String TITLE = "Storage";
    /** The console menu's category of the page. */
    static final String CATEGORY = "Skeleton Storage";

    private static final long serialVersionUID = 1L;
    private static final String JSON = "application/json;charset=UTF-8";
    private static final String HTML = "text/html;charset=UTF-8";
    private static final int INTERNAL_ERROR = 500;

    private final transient AtomicReference<MultiStore> multiStore = new AtomicReference<>();
    private final transient ConsoleApi api = new ConsoleApi(new StoreFigures(System::nanoTime));
    private final transient ConsolePage page = ConsolePage.load();

    /**
     * Creates the plugin; Declarative Services binds the multistore.
     */
    public StorageConsolePlugin() {
        super();
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void bindMultiStore(MultiStore stores) {
        multiStore.set(stores);
    }

    void unbindMultiStore(MultiStore stores) {
        // A greedy reference binds the better service before it unbinds the old one.
        multiStore.compareAndSet(stores, null);
    }

    /**
     * A static file of the page, for the Web Console, which calls this method (found by its name
     * and signature) with the request's path info before it renders anything.
     *
     * @param path the request's path info, e.g. {@code /storage/res/storage.js}
     * @return the file, or null if the path is not one of the page's files
     */
    public URL getResource(String path) {
        return ConsoleResources.forConsolePath(path);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String path = RequestPath.endpoint(request);
        try {
            if (path.startsWith(ConsoleResources.FOLDER)) {
                serveResource(path.substring(ConsoleResources.FOLDER.length()), response);
                return;
            }
            Optional<Endpoint> endpoint = Endpoint.at(path);
            if (endpoint.isEmpty()) {
                refuse(response, path, HttpServletResponse.SC_NOT_FOUND, null,
                        "NOT_FOUND: the Storage page has nothing at \"" + path + "\"");
            } else if (endpoint.get() == Endpoint.PAGE) {
                writePage(request, response);
            } else {
                answer(request, response, path, endpoint.get(), null);
            }
        } catch (RuntimeException e) {
            failed(response, path, path, e);
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String path = RequestPath.endpoint(request);
        try {
            Optional<Endpoint> endpoint = Endpoint.at(path);
            if (endpoint.isEmpty()) {
                writeJson(response, Reply.error(HttpServletResponse.SC_NOT_FOUND,
                        "NOT_FOUND: the Storage page has nothing at \"" + path + "\""));
            } else {
                answer(request, response, path, endpoint.get(), request.getHeader(RequestGuard.HEADER));
            }
        } catch (RuntimeException e) {
            failed(response, path, ".json", e);
        }
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, String path, Endpoint endpoint,
                        String header) throws IOException {
        Optional<RequestGuard.Refusal> refusal = RequestGuard.check(request.getMethod(), endpoint, header);
        if (refusal.isPresent()) {
            RequestGuard.Refusal refused = refusal.get();
            // A refused POST is never wrapped by the console; a refused GET of "create" is.
            String shape = "POST".equals(request.getMethod()) ? ".json" : path;
            refuse(response, shape, refused.status(), refused.allow(), refused.message());
            return;
        }
        writeJson(response, api.answer(multiStore.get(), endpoint, new RequestParams(request::getParameter)));
    }

    private void writePage(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (response.getContentType() == null) {
            response.setContentType(HTML);
        }
        response.getWriter().write(page.render(RequestPath.pluginRoot(request)));
    }

    private static void serveResource(String name, HttpServletResponse response) throws IOException {
        URL url = ConsoleResources.named(name);
        if (url == null) {
            writeJson(response, Reply.error(HttpServletResponse.SC_NOT_FOUND,
                    "NOT_FOUND: the Storage page has no file \"" + name + "\""));
            return;
        }
        response.setContentType(ConsoleResources.contentType(name));
        try (InputStream in = url.openStream(); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
    }

    /**
     * Answers with an error in the shape the request's path calls for: HTML inside the console's
     * page for a path the console wraps, JSON otherwise.
     */
    private static void refuse(HttpServletResponse response, String path, int status, String allow, String message)
            throws IOException {
        if (!RequestPath.isHtml(path)) {
            if (allow != null) {
                response.setHeader("Allow", allow);
            }
            writeJson(response, Reply.error(status, message));
            return;
        }
        // The console may have written its header already: status and headers count only while
        // the response is not committed, and the writer is the one it already took.
        if (!response.isCommitted()) {
            response.setStatus(status);
            if (allow != null) {
                response.setHeader("Allow", allow);
            }
        }
        if (response.getContentType() == null) {
            response.setContentType(HTML);
        }
        response.getWriter().write("<p class=\"statline ui-state-error storage-refused\">" + HtmlText.escape(message)
                + "</p>");
    }

    private static void writeJson(HttpServletResponse response, Reply reply) throws IOException {
        response.setStatus(reply.status());
        response.setContentType(JSON);
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        PrintWriter writer = response.getWriter();
        writer.write(reply.json());
        writer.flush();
    }

    /**
     * A bug, not a storage error: logged with its stack, answered without it, in the shape that
     * {@code shape} (a path) calls for.
     */
    private void failed(HttpServletResponse response, String path, String shape, RuntimeException e)
            throws IOException {
        if (getServletConfig() != null) {
            log("the Storage page failed on \"" + path + "\"", e);
        }
        if (!response.isCommitted()) {
            refuse(response, shape, INTERNAL_ERROR, null, "INTERNAL: " + e);
        }
    }
}
