package dev.skeleton.storage.webconsole;

/**
 * Puts text into the page's HTML as text: in an element's content or in a quoted attribute value.
 *
 * <p>Escapes {@code & < > " '} as character references, which is enough for both places. Also
 * escapes {@code $}: the Felix Web Console passes every HTML page through a filter that replaces
 * {@code ${name}} by a localised string (and drops the braces of names it does not know), so a
 * {@code $} left raw could change what the text says. Stateless and thread-safe.
 */
final class HtmlText {

    private HtmlText() {
    }

    /**
     * The text, escaped for HTML content and quoted attribute values.
     *
     * @param text the text; null is the empty string
     * @return the escaped text
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                case '$' -> out.append("&#36;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
