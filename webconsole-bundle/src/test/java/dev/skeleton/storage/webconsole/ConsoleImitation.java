package dev.skeleton.storage.webconsole;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.reflect.Method;
import java.net.URL;
import javax.servlet.ServletConfig;
import javax.servlet.ServletException;
import javax.servlet.http.HttpServlet;
import javax.servlet.http.HttpServletRequest;
import javax.servlet.http.HttpServletResponse;

/**
 * Plays the part of the Felix Web Console 4.x for one plugin, as its documentation and source
 * describe the handling of a plain servlet plugin: mounted at {@code /system/console}, it sets the
 * request attributes of the console's roots, asks the plugin's {@code getResource(String)} (found
 * by reflection) with the path info first on a GET, wraps a GET whose last URL segment has no
 * extension into a page (header and navigation written through the writer before the plugin runs,
 * footer after), and hands every other request to the plugin untouched.
 */
final class ConsoleImitation extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final String HEADER = "<html><head><title>Console</title></head><body><div id='content'>";
    static final String FOOTER = "</div></body></html>";

    private final transient HttpServlet plugin;
    private final String label;

    ConsoleImitation(HttpServlet plugin, String label) {
        this.plugin = plugin;
        this.label = label;
    }

    @Override
    public void init(ServletConfig config) throws ServletException {
        super.init(config);
        plugin.init(config);
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response)
            throws ServletException, IOException {
        String pathInfo = request.getPathInfo();
        if (pathInfo == null || !pathInfo.equals("/" + label) && !pathInfo.startsWith("/" + label + "/")) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        String appRoot = request.getContextPath() + request.getServletPath();
        request.setAttribute("felix.webconsole.appRoot", appRoot);
        request.setAttribute("felix.webconsole.pluginRoot", appRoot + "/" + label);
        if (!"GET".equals(request.getMethod())) {
            plugin.service(request, response);
            return;
        }
        if (spoolResource(pathInfo, response)) {
            return;
        }
        if (isHtmlRequest(request.getRequestURI())) {
            response.setCharacterEncoding("utf-8");
            response.setContentType("text/html");
            PrintWriter writer = response.getWriter();
            writer.println(HEADER);
            plugin.service(request, response);
            writer.println(FOOTER);
        } else {
            plugin.service(request, response);
        }
    }

    private boolean spoolResource(String pathInfo, HttpServletResponse response) throws IOException {
        URL url;
        try {
            Method getResource = plugin.getClass().getMethod("getResource", String.class);
            url = (URL) getResource.invoke(plugin, pathInfo);
        } catch (ReflectiveOperationException e) {
            throw new IOException("the plugin's getResource failed", e);
        }
        if (url == null) {
            return false;
        }
        response.setContentType(getServletContext().getMimeType(pathInfo));
        try (InputStream in = url.openStream(); OutputStream out = response.getOutputStream()) {
            in.transferTo(out);
        }
        return true;
    }

    private static boolean isHtmlRequest(String requestUri) {
        if (requestUri.endsWith(".html")) {
            return true;
        }
        int lastSlash = requestUri.lastIndexOf('/');
        return requestUri.indexOf('.', lastSlash + 1) < 0;
    }
}
