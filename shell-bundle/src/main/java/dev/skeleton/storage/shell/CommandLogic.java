package dev.skeleton.storage.shell;

import dev.skeleton.storage.Capabilities;
import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.StoreInfo;
import dev.skeleton.storage.VersionInfo;
import dev.skeleton.storage.Versioned;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * What each command of scope {@code store} does, on a {@link MultiStore}, in plain Java: no Gogo,
 * no OSGi. {@link StoreCommands} is the thin shell-facing side that parses options and turns
 * failures into one line.
 *
 * <p>Every method returns the text to print (lines joined by {@code \n}, no trailing line break),
 * or nothing for the writes that have nothing to say ({@code set}, {@code del}), and fails with the
 * {@link StorageException} of the multistore or store, or with
 * {@link ErrorCode#INVALID_ARGUMENT} for bad input and {@link ErrorCode#UNSUPPORTED} for a
 * versioning command on a store without versions.
 *
 * <p>Thread-safe: it holds nothing but the thread-safe multistore.
 */
final class CommandLogic {

    /** The {@code scan} limit when none is given. */
    static final String DEFAULT_LIMIT = "100";

    /** Text that Gogo reads back as the same single argument without quotes. */
    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_.:/@+][A-Za-z0-9_.:/@+-]*");

    private final MultiStore stores;

    /**
     * Commands over a multistore.
     *
     * @param stores the multistore; must not be null
     */
    CommandLogic(MultiStore stores) {
        if (stores == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "multistore must not be null");
        }
        this.stores = stores;
    }

    /**
     * The registered engines, one a line: name, a default marker, capabilities. A default engine
     * that is not registered (as when no engine is) gets a line of its own, so the answer is never
     * empty.
     *
     * @return the lines
     */
    String engines() {
        List<String> names = stores.listEngines();
        String defaultEngine = stores.getDefaultEngine();
        List<String[]> rows = new ArrayList<>();
        for (String name : names) {
            rows.add(new String[] {name, name.equals(defaultEngine) ? "(default)" : "",
                    describe(stores.getEngine(name).capabilities())});
        }
        List<String> lines = new ArrayList<>(Columns.align(rows));
        if (!names.contains(defaultEngine)) {
            lines.add("default engine " + defaultEngine + " is not registered");
        }
        return String.join("\n", lines);
    }

    /**
     * The stores of the catalog, one a line: name, engine, availability.
     *
     * @return the lines
     */
    String stores() {
        List<String[]> rows = new ArrayList<>();
        for (String name : stores.listStores()) {
            StoreInfo info = stores.storeInfo(name);
            rows.add(new String[] {info.name(), info.engine(), availability(info)});
        }
        return rows.isEmpty() ? "(no stores)" : String.join("\n", Columns.align(rows));
    }

    /**
     * What the multistore knows of a store: engine, availability, path, config and, while the
     * engine is registered, its capabilities.
     *
     * @param store the store's name
     * @return the lines
     */
    String info(String store) {
        StoreInfo info = stores.storeInfo(store);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"store:", info.name()});
        rows.add(new String[] {"engine:", info.engine()});
        rows.add(new String[] {"available:", availability(info)});
        rows.add(new String[] {"path:", info.path()});
        rows.add(new String[] {"config:", describe(info.config())});
        if (stores.listEngines().contains(info.engine())) {
            rows.add(new String[] {"capabilities:", describe(stores.getEngine(info.engine()).capabilities())});
        }
        return String.join("\n", Columns.align(rows));
    }

    /**
     * Creates a store.
     *
     * @param store           the new store's name
     * @param engineAndConfig an optional engine name (an argument without {@code =}; none: the
     *                        default engine), then {@code key=value} pairs of engine config
     * @return a line naming the store and its engine
     */
    String create(String store, String[] engineAndConfig) {
        String[] args = engineAndConfig == null ? new String[0] : engineAndConfig;
        boolean engineGiven = args.length > 0 && !CommandArguments.isConfigPair(args[0]);
        String engine = engineGiven ? args[0] : null;
        Config config = CommandArguments.config(engineGiven ? Arrays.copyOfRange(args, 1, args.length) : args);
        stores.createStore(store, engine, config);
        return "created store " + store + " (engine " + stores.storeInfo(store).engine() + ")";
    }

    /**
     * Deletes a store and its data.
     *
     * @param store the store's name
     * @return a line naming the store
     */
    String delete(String store) {
        stores.deleteStore(store);
        return "deleted store " + store;
    }

    /**
     * The value of a key.
     *
     * @param encoding how key and value are written
     * @param store    the store's name
     * @param key      the key
     * @return the value
     */
    String get(Encoding encoding, String store, String key) {
        byte[] keyBytes = encoding.parse(key, "the key");
        return encoding.show(stores.getStore(store).get(keyBytes));
    }

    /**
     * Sets the value of a key.
     *
     * @param encoding how key and value are written
     * @param store    the store's name
     * @param key      the key
     * @param value    the value
     */
    void set(Encoding encoding, String store, String key, String value) {
        byte[] keyBytes = encoding.parse(key, "the key");
        byte[] valueBytes = encoding.parse(value, "the value");
        stores.getStore(store).set(keyBytes, valueBytes);
    }

    /**
     * Deletes a key; a missing key is no error.
     *
     * @param encoding how the key is written
     * @param store    the store's name
     * @param key      the key
     */
    void del(Encoding encoding, String store, String key) {
        byte[] keyBytes = encoding.parse(key, "the key");
        stores.getStore(store).delete(keyBytes);
    }

    /**
     * Whether a key is present.
     *
     * @param encoding how the key is written
     * @param store    the store's name
     * @param key      the key
     * @return true if present
     */
    boolean has(Encoding encoding, String store, String key) {
        byte[] keyBytes = encoding.parse(key, "the key");
        return stores.getStore(store).has(keyBytes);
    }

    /**
     * Entries of a key range, one a line as {@code key = value}; when the limit cut the range
     * short, a last line says how to continue.
     *
     * @param encoding how keys, values and bounds are written
     * @param store    the store's name
     * @param start    lowest key, inclusive; empty: unbounded
     * @param end      key where the range ends, exclusive; empty: unbounded
     * @param reverse  true to list from the highest key down
     * @param limit    most entries listed, as typed; 0: no limit
     * @return the lines
     */
    String scan(Encoding encoding, String store, String start, String end, boolean reverse, String limit) {
        RangeScan scan = new RangeScan(encoding.parse(start, "--start"), encoding.parse(end, "--end"),
                reverse, CommandArguments.limit(limit));
        RangeScan.Result result = scan.run(stores.getStore(store));
        List<String> lines = new ArrayList<>();
        for (RangeScan.Entry entry : result.entries()) {
            lines.add(encoding.showInLine(entry.key()) + " = " + encoding.showInLine(entry.value()));
        }
        if (result.next() != null) {
            lines.add(continuation(encoding, result, reverse));
        }
        return lines.isEmpty() ? "(no entries)" : String.join("\n", lines);
    }

    /**
     * Saves the store's content as a new version.
     *
     * @param store the store's name
     * @return a line with the version number and its content hash in hex
     */
    String save(String store) {
        VersionInfo saved = versioned(store).saveVersion();
        return "saved version " + saved.version() + " of store " + store + ", hash " + saved.hashHex();
    }

    /**
     * Replaces the store's content with a saved version.
     *
     * @param store   the store's name
     * @param version the version, as typed
     * @return a line naming the version
     */
    String load(String store, String version) {
        long number = CommandArguments.version(version);
        versioned(store).loadVersion(number);
        return "loaded version " + number + " into store " + store;
    }

    /**
     * The current version and the saved versions of a store.
     *
     * @param store the store's name
     * @return two lines
     */
    String versions(String store) {
        Versioned versioned = versioned(store);
        long current = versioned.currentVersion();
        String saved = Arrays.stream(versioned.listVersions()).mapToObj(Long::toString)
                .collect(Collectors.joining(", "));
        return "current: " + (current == 0 ? "0 (never saved or loaded)" : Long.toString(current))
                + "\nsaved:   " + (saved.isEmpty() ? "(none)" : saved);
    }

    private Versioned versioned(String store) {
        Store handle = stores.getStore(store);
        if (handle instanceof Versioned versioned && versioned.supportsVersioning()) {
            return versioned;
        }
        throw new StorageException(ErrorCode.UNSUPPORTED,
                "store " + store + " has no versions (engine " + stores.storeInfo(store).engine() + ")");
    }

    /**
     * The options that list the rest of a scan: ascending, start at the first key not listed;
     * descending, end (exclusively) at the last key listed.
     */
    private static String continuation(Encoding encoding, RangeScan.Result result, boolean reverse) {
        List<RangeScan.Entry> shown = result.entries();
        String option = reverse ? "--reverse --end " : "--start ";
        byte[] bound = reverse ? shown.get(shown.size() - 1).key() : result.next().key();
        return "(limit of " + shown.size() + " reached; continue with " + boundOption(encoding, option, bound) + ")";
    }

    /**
     * A bound as it must be typed: in hex when the scan is in hex or the key is no plain text (a
     * text scan that continues in hex needs its other bound in hex too); otherwise as text,
     * single-quoted (Gogo takes single-quoted text literally) unless it is one plain word. A key
     * with a single quote goes in hex, since Gogo offers no way to quote it.
     */
    private static String boundOption(Encoding encoding, String option, byte[] key) {
        String text = encoding.showInLine(key);
        if (encoding == Encoding.HEX || text.startsWith(Encoding.HEX_MARKER) || text.indexOf('\'') >= 0) {
            return "--hex " + option + Encoding.HEX.showInLine(key);
        }
        return option + (PLAIN_WORD.matcher(text).matches() ? text : "'" + text + "'");
    }

    private static String availability(StoreInfo info) {
        return info.available() ? "available" : "unavailable (engine absent)";
    }

    private static String describe(Capabilities capabilities) {
        List<String> names = new ArrayList<>();
        if (capabilities.transactions()) {
            names.add("transactions");
        }
        if (capabilities.versioning()) {
            names.add("versioning");
        }
        if (capabilities.rangeQueries()) {
            names.add("range queries");
        }
        if (capabilities.persistence()) {
            names.add("persistence");
        }
        if (capabilities.compression()) {
            names.add("compression");
        }
        return names.isEmpty() ? "(no optional capabilities)" : String.join(", ", names);
    }

    private static String describe(Config config) {
        if (config == null || config.isEmpty()) {
            return "(none)";
        }
        return config.asMap().entrySet().stream().map(Map.Entry::toString).collect(Collectors.joining(", "));
    }
}
