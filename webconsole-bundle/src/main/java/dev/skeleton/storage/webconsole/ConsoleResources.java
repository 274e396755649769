package dev.skeleton.storage.webconsole;

import java.net.URL;
import java.util.Map;

/**
 * The static files of the page, {@code storage.js} and {@code storage.css}, served under
 * {@code <plugin root>/res/}.
 *
 * <p>Only the files named here are served, whatever the path asks for, so no other resource of the
 * bundle (nor a path with {@code ..}) can be read through the console. The Web Console itself
 * serves them: it calls the plugin's {@code getResource} with the request's path info
 * ({@code /storage/res/storage.js}) before anything else ({@link #forConsolePath}); the servlet
 * serves the same files when it runs outside the Web Console ({@link #named}). Stateless.
 */
final class ConsoleResources {

    /** The folder of the files under the plugin's root, and in the bundle beside this class. */
    static final String FOLDER = "res/";

    private static final Map<String, String> CONTENT_TYPES = Map.of(
            "storage.js", "application/javascript;charset=UTF-8",
            "storage.css", "text/css;charset=UTF-8");

    private ConsoleResources() {
    }

    /**
     * A file asked for by the Web Console.
     *
     * @param pathInfo the request's path info, {@code /<label>/res/<name>}
     * @return the file's URL, or null if the path is not one of the files
     */
    static URL forConsolePath(String pathInfo) {
        String prefix = "/" + StorageConsolePlugin.LABEL + "/" + FOLDER;
        if (pathInfo == null || !pathInfo.startsWith(prefix)) {
            return null;
        }
        return named(pathInfo.substring(prefix.length()));
    }

    /**
     * A file by name.
     *
     * @param name the name after {@code res/}
     * @return the file's URL, or null if it is not one of the files
     */
    static URL named(String name) {
        return CONTENT_TYPES.containsKey(name) ? ConsoleResources.class.getResource(FOLDER + name) : null;
    }

    /**
     * The content type of a file.
     *
     * @param name the name after {@code res/}, one of the files
     * @return the type with its charset
     */
    static String contentType(String name) {
        return CONTENT_TYPES.get(name);
    }
}
