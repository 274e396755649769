package dev.skeleton.storage.multistore;

import dev.skeleton.storage.multistore.files.DurableFiles;
import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The file {@code rootPath/catalog.txt} that lists the persistent stores of a multistore: name,
 * engine and configuration.
 *
 * <h2>Format</h2>
 * UTF-8 text, one line per fact, so that a person can read it and a diff shows what changed:
 * <pre>
 * # skeleton-storage catalog 1
 * store users file
 * config users max_versions i:10
 * config users sync s:always
 * </pre>
 * A {@code store} line names a store and its engine; each {@code config} line one key of its
 * configuration, with the value's type ({@code s} string, {@code i} int, {@code l} long, {@code b}
 * boolean) so that a config reads back exactly as it was given. Values are written with
 * {@code \\}, {@code \n} and {@code \r} escaped; names and keys contain no blanks: store names
 * cannot, and an engine name or config key that holds a blank or line break, which could not be
 * read back, is refused when written.
 *
 * <h2>Durability</h2>
 * The catalog is replaced whole and atomically: written to {@code catalog.txt.tmp}, forced to disk,
 * renamed over {@code catalog.txt}, and the directory forced, so a crash at any moment leaves
 * either the old or the new catalog, never a mix.
 *
 * <p>Quoted text in its messages (lines, names, keys, values) is cut to one short line, as
 * {@link StoreNames#shown} does.
 *
 * <p>Not thread-safe: the multistore calls it under its lock.
 */
final class Catalog {

    static final String FILE_NAME = "catalog.txt";
    /** The file a new catalog is written to before it replaces the old one. */
    static final String TEMP_FILE_NAME = FILE_NAME + ".tmp";
    private static final String HEADER = "# skeleton-storage catalog 1";

    private final Path root;
    private final Path file;

    Catalog(Path root) {
        this.root = root;
        this.file = root.resolve(FILE_NAME);
    }

    /**
     * Reads the catalog; an absent catalog is empty.
     *
     * @return the entries in file order
     * @throws StorageException CORRUPTED naming the file and line if it cannot be parsed; IO if it
     *         cannot be read
     */
    List<CatalogEntry> read() {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new StorageException(ErrorCode.IO, "cannot read catalog " + file + ": " + e.getMessage(), e);
        }
        return parse(lines);
    }

    private List<CatalogEntry> parse(List<String> lines) {
        Map<String, String> engines = new LinkedHashMap<>();
        Map<String, Map<String, Object>> configs = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split(" ", 4);
            if (parts[0].equals("store") && parts.length == 3) {
                engines.put(parts[1], parts[2]);
                configs.put(parts[1], new LinkedHashMap<>());
            } else if (parts[0].equals("config") && parts.length == 4 && configs.containsKey(parts[1])) {
                configs.get(parts[1]).put(parts[2], decode(parts[3], i + 1));
            } else {
                throw corrupted(i + 1, "unexpected line " + StoreNames.quoted(line));
            }
        }
        List<CatalogEntry> entries = new ArrayList<>();
        engines.forEach((name, engine) -> entries.add(
                new CatalogEntry(name, engine, Config.of(configs.get(name)), true)));
        return entries;
    }

    /**
     * Replaces the catalog with the persistent ones of {@code entries}.
     *
     * @param entries every store the multistore knows
     * @throws StorageException IO if the catalog cannot be written; INVALID_ARGUMENT for an engine
     *         name, INVALID_CONFIG for a config key, that holds a blank or line break. The old
     *         catalog is then intact.
     */
    void write(Collection<CatalogEntry> entries) {
        StringBuilder text = new StringBuilder(HEADER).append('\n');
        for (CatalogEntry entry : entries) {
            if (!entry.persistent()) {
                continue;
            }
            checkRecordable(entry);
            text.append("store ").append(entry.name()).append(' ').append(entry.engine()).append('\n');
            entry.config().asMap().forEach((key, value) -> text.append("config ").append(entry.name())
                    .append(' ').append(key).append(' ').append(encode(value)).append('\n'));
        }
        Path temp = root.resolve(TEMP_FILE_NAME);
        try {
            Files.createDirectories(root);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(StandardCharsets.UTF_8.encode(text.toString()));
                channel.force(true);
            }
            DurableFiles.moveAtomically(temp, file, true);
            DurableFiles.forceDirectory(root);
        } catch (IOException e) {
            throw new StorageException(ErrorCode.IO, "cannot write catalog " + file + ": " + e.getMessage(), e);
        }
    }

    /** Engine names and config keys are written between blanks, one fact a line. */
    private static void checkRecordable(CatalogEntry entry) {
        if (!isWord(entry.engine())) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "store " + entry.name()
                    + " cannot be recorded in the catalog: its engine name " + StoreNames.quoted(entry.engine())
                    + " holds a blank or line break");
        }
        for (String key : entry.config().asMap().keySet()) {
            if (!isWord(key)) {
                throw new StorageException(ErrorCode.INVALID_CONFIG, "store " + entry.name()
                        + " cannot be recorded in the catalog: config key " + StoreNames.quoted(key)
                        + " holds a blank or line break");
            }
        }
    }

    private static boolean isWord(String text) {
        return text.indexOf(' ') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0;
    }


    /** The typed text of a value; engines accept only scalar values, so text is all others need. */
    private static String encode(Object value) {
        String escaped = String.valueOf(value).replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
        char type = value instanceof Integer ? 'i' : value instanceof Long ? 'l' : value instanceof Boolean ? 'b' : 's';
        return type + ":" + escaped;
    }

    private Object decode(String typed, int lineNumber) {
        if (typed.length() < 2 || typed.charAt(1) != ':') {
            throw corrupted(lineNumber, "value without type: " + StoreNames.quoted(typed));
        }
        String text = unescape(typed.substring(2));
        try {
            switch (typed.charAt(0)) {
                case 'i':
                    return Integer.valueOf(text);
                case 'l':
                    return Long.valueOf(text);
                case 'b':
                    return decodeBoolean(text, lineNumber);
                case 's':
                    return text;
                default:
                    throw corrupted(lineNumber, "unknown value type in " + StoreNames.quoted(typed));
            }
        } catch (NumberFormatException e) {
            throw corrupted(lineNumber, "bad number " + StoreNames.quoted(text));
        }
    }

    /** Only what {@link #encode} writes: anything else is damage, not false. */
    private Boolean decodeBoolean(String text, int lineNumber) {
        if (text.equals("true") || text.equals("false")) {
            return Boolean.valueOf(text);
        }
        throw corrupted(lineNumber, "bad boolean " + StoreNames.quoted(text));
    }

    private static String unescape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\' && i + 1 < text.length()) {
                char next = text.charAt(++i);
                out.append(next == 'n' ? '\n' : next == 'r' ? '\r' : next);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private StorageException corrupted(int lineNumber, String what) {
        return new StorageException(ErrorCode.CORRUPTED, "catalog " + file + " line " + lineNumber + ": " + what);
    }
}
