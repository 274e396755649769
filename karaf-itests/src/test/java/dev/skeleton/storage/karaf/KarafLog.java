package dev.skeleton.storage.karaf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Karaf's log ({@code data/log/karaf.log}) read back: its entries, each a line of the form
 * {@code time | LEVEL | thread | logger | bundle | message} followed by the lines of a stack trace
 * if there is one.
 */
final class KarafLog {

    /** An entry starts with its ISO 8601 time; any other line belongs to the entry before. */
    private static final Pattern ENTRY_START = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}.*");

    private final Path file;

    KarafLog(Path file) {
        this.file = file;
    }

    /**
     * The entries of a level that mention a word, stack trace included (case insensitive).
     *
     * @param level the level as Karaf writes it ({@code ERROR}, {@code WARN})
     * @param word  what the entry must mention
     * @return the entries, each as its lines joined, in the order of the file; none if there is no log
     * @throws IOException if the log cannot be read
     */
    List<String> entries(String level, String word) throws IOException {
        List<String> found = new ArrayList<>();
        for (String entry : entries()) {
            String[] fields = entry.split("\\|", 3);
            if (fields.length == 3 && fields[1].trim().equals(level)
                    && entry.toLowerCase(Locale.ROOT).contains(word.toLowerCase(Locale.ROOT))) {
                found.add(entry);
            }
        }
        return found;
    }

    /**
     * The end of the log, for a failure report.
     *
     * @param lines how many lines at most
     * @return the last lines, or a note that there is no log
     */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + file + ": " + e + ")";
        }
    }

    private List<String> entries() throws IOException {
        List<String> entries = new ArrayList<>();
        if (!Files.exists(file)) {
            return entries;
        }
        StringBuilder entry = null;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (ENTRY_START.matcher(line).matches()) {
                if (entry != null) {
                    entries.add(entry.toString());
                }
                entry = new StringBuilder(line);
            } else if (entry != null) {
                entry.append('\n').append(line);
            }
        }
        if (entry != null) {
            entries.add(entry.toString());
        }
        return entries;
    }
}
