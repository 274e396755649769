package dev.skeleton.storage.karaf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A Karaf configuration file ({@code etc/*.cfg}, {@code users.properties}) edited as a person edits
 * it: line by line, keeping its comments and the entries it does not touch.
 *
 * <p>An entry is a logical line: a key, then {@code =}, {@code :} or blanks, then a value that goes on
 * over the next lines while a line ends with a backslash (Karaf writes its repository lists that
 * way). A key is compared as written, escapes included ({@code _g_\:admingroup}).
 *
 * <p>Not thread safe; each edit reads and writes the whole file.
 */
final class CfgFile {

    private final Path file;

    CfgFile(Path file) {
        this.file = file;
    }

    /**
     * Sets a key: its entry, if any, is removed and {@code key = value} is written at the end.
     *
     * @param key   the key, as written in the file
     * @param value the value, as written in the file
     * @throws IOException if the file cannot be read or written
     */
    void set(String key, String value) throws IOException {
        List<String> lines = lines();
        int start = find(lines, key);
        if (start >= 0) {
            lines.subList(start, end(lines, start) + 1).clear();
        }
        lines.add(key + " = " + value);
        write(lines);
    }

    /**
     * Adds one more item to a comma-separated list, on a line of its own after the entry's last line.
     *
     * @param key  the key of the list, which must be in the file
     * @param item the item, as written in the file
     * @throws IOException           if the file cannot be read or written
     * @throws IllegalStateException if the file has no such key
     */
    void append(String key, String item) throws IOException {
        List<String> lines = lines();
        int start = find(lines, key);
        if (start < 0) {
            throw new IllegalStateException(file + " has no key " + key);
        }
        int last = end(lines, start);
        lines.set(last, lines.get(last).stripTrailing() + ", \\");
        lines.add(last + 1, "    " + item);
        write(lines);
    }

    /**
     * The key of a line that starts an entry.
     *
     * @param line a line of the file
     * @return the key as written, or null for a blank line or a comment
     */
    static String keyOf(String line) {
        String text = line.stripLeading();
        if (text.isEmpty() || text.startsWith("#") || text.startsWith("!")) {
            return null;
        }
        int i = 0;
        while (i < text.length() && "=: \t".indexOf(text.charAt(i)) < 0) {
            // An escaped character (\: or \=) belongs to the key.
            i += text.charAt(i) == '\\' ? 2 : 1;
        }
        return text.substring(0, Math.min(i, text.length()));
    }

    private List<String> lines() throws IOException {
        return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    private void write(List<String> lines) throws IOException {
        Files.write(file, lines, StandardCharsets.UTF_8);
    }

    /** The first line of the key's entry, or -1; continuation lines are never taken for keys. */
    private static int find(List<String> lines, String key) {
        for (int i = 0; i < lines.size(); i = end(lines, i) + 1) {
            if (key.equals(keyOf(lines.get(i)))) {
                return i;
            }
        }
        return -1;
    }

    /** The last line of the entry that starts at a line (a comment is one line, whatever it ends with). */
    private static int end(List<String> lines, int start) {
        if (keyOf(lines.get(start)) == null) {
            return start;
        }
        int last = start;
        while (continues(lines.get(last)) && last + 1 < lines.size()) {
            last++;
        }
        return last;
    }

    /** Whether a line ends with an odd number of backslashes, which joins the next line to it. */
    private static boolean continues(String line) {
        String text = line.stripTrailing();
        int backslashes = 0;
        for (int i = text.length() - 1; i >= 0 && text.charAt(i) == '\\'; i--) {
            backslashes++;
        }
        return backslashes % 2 == 1;
    }
}
