package dev.skeleton.storage.webconsole;

import javax.servlet.http.HttpServletRequest;

/**
 * Where a request points within the plugin: the plugin's root URL path, and the path after it
 * that names the endpoint ({@code stores.json}, {@code create}, {@code res/storage.js}; empty for
 * the page).
 *
 * <p>Inside the Web Console the servlet is called with the console's servlet path
 * ({@code /system/console}) and a path info that starts with the label ({@code /storage/...}); the
 * console says where the plugin is in the request attribute {@value #PLUGIN_ROOT_ATTRIBUTE}. Run on
 * its own (the tests, any other container) the servlet is mapped at its root, and the root is the
 * context path plus the servlet path. Both give the same endpoint path for the same URL.
 */
final class RequestPath {

    /** The Web Console's request attribute naming the plugin's root (context path included). */
    static final String PLUGIN_ROOT_ATTRIBUTE = "felix.webconsole.pluginRoot";

    private RequestPath() {
    }

    /**
     * The plugin's root URL path, context path included.
     *
     * @param request the request
     * @return e.g. {@code /system/console/storage}
     */
    static String pluginRoot(HttpServletRequest request) {
        Object root = request.getAttribute(PLUGIN_ROOT_ATTRIBUTE);
        return root instanceof String text ? text : request.getContextPath() + request.getServletPath();
    }

    /**
     * The path after the plugin's root, without a leading slash.
     *
     * @param request the request
     * @return the endpoint's path; empty for the page
     */
    static String endpoint(HttpServletRequest request) {
        String pathInfo = request.getPathInfo() == null ? "" : request.getPathInfo();
        String path = request.getServletPath() + pathInfo;
        String root = pluginRoot(request);
        String contextPath = request.getContextPath();
        if (root.startsWith(contextPath)) {
            root = root.substring(contextPath.length());
        }
        String rest = path.startsWith(root) ? path.substring(root.length()) : pathInfo;
        return rest.startsWith("/") ? rest.substring(1) : rest;
    }

    /**
     * Whether the Web Console wraps the answer to a GET of this path into its page template: when
     * the last segment of the URL has no extension, or ends in {@code .html}. Such an answer must be
     * HTML written through {@code getWriter()}, without setting headers that need an uncommitted
     * response.
     *
     * @param endpointPath the endpoint's path
     * @return true if the answer goes into the console's page
     */
    static boolean isHtml(String endpointPath) {
        String last = endpointPath.substring(endpointPath.lastIndexOf('/') + 1);
        return last.endsWith(".html") || last.indexOf('.') < 0;
    }
}
