package dev.skeleton.storage.webconsole;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The HTML of the Storage page: the content that the Web Console puts into its page template,
 * read once from {@code page.html} beside this class.
 *
 * <p>The page is static apart from the plugin's root, which the script needs to find the JSON
 * endpoints and which the template marks as {@value #ROOT_MARK}: everything the storage holds
 * reaches the page later, through the script and {@code textContent}. The root is HTML-escaped
 * ({@link HtmlText}). Immutable and thread-safe.
 */
final class ConsolePage {

    /** Where the template takes the plugin's root. */
    static final String ROOT_MARK = "{{root}}";

    private static final String TEMPLATE = "page.html";

    private final String template;

    private ConsolePage(String template) {
        this.template = template;
    }

    /**
     * The page of this bundle.
     *
     * @return the page
     * @throws UncheckedIOException if the template cannot be read (the bundle is broken)
     */
    static ConsolePage load() {
        try (InputStream in = ConsolePage.class.getResourceAsStream(TEMPLATE)) {
            if (in == null) {
                throw new IOException("the page template " + TEMPLATE + " is missing from the bundle");
            }
            return new ConsolePage(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the Storage page's template", e);
        }
    }

    /**
     * The page's HTML.
     *
     * @param pluginRoot the URL path of the plugin, e.g. {@code /system/console/storage}
     * @return the HTML fragment
     */
    String render(String pluginRoot) {
        return template.replace(ROOT_MARK, HtmlText.escape(pluginRoot));
    }
}
