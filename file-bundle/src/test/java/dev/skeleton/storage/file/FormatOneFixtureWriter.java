package dev.skeleton.storage.file;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.VersionInfo;
import dev.skeleton.storage.Versioned;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Writes the format-1 fixtures of {@link FormatOneConversionTest}: three small stores and the file
 * {@code expected.txt} that says what they hold. It is not a test; it documents, as code, exactly
 * how the files under {@code src/test/resources/format1} were made, so that they can be made again.
 *
 * <h2>Why it must run against the released jar</h2>
 * The fixtures stand for stores written by the release that wrote format version 1, before the
 * paged format 2. Compiled with the tests, this class would write whatever format the code of the
 * day writes, so it is compiled against the public API alone ({@code dev.skeleton.storage.*}) and
 * run against the format-1 jar, which it finds through {@link ServiceLoader} like any application.
 * The one exception is {@link #tunedEngine}: a checkpoint of the released engine needs 16 MiB of
 * writes, far too much for test resources, and the only way to make a small one is the engine's
 * package-private test constructor {@code FileEngine(Tuning)}, reached here by reflection.
 *
 * <h2>How the committed fixtures were made</h2>
 * With the jar of the format-1 release ({@code file-bundle-1.0.0-SNAPSHOT.jar}, built from git
 * 896fb97; its SHA-256 is written at the top of {@code expected.txt}) and, taken out of its
 * {@code META-INF/lib}, the inner jars it carries ({@code engine-core.jar}, {@code kryo.jar},
 * {@code reflectasm.jar}, {@code objenesis.jar}, {@code minlog.jar}), plus {@code api-bundle}:
 * <pre>
 * javac -d gen -cp api-bundle-1.0.0-SNAPSHOT.jar \
 *     file-bundle/src/test/java/dev/skeleton/storage/file/FormatOneFixtureWriter.java
 * java -cp gen:file-bundle-1.0.0-SNAPSHOT.jar:api-bundle-1.0.0-SNAPSHOT.jar:engine-core.jar:kryo.jar:\
 *     reflectasm.jar:objenesis.jar:minlog.jar \
 *     dev.skeleton.storage.file.FormatOneFixtureWriter file-bundle/src/test/resources/format1 "git 896fb97"
 * </pre>
 * The output directory must not hold the stores yet. The content is deterministic (fixed seeds);
 * the file numbering of {@code checkpointed} may differ between runs, as its checkpoint runs on the
 * engine's background thread.
 *
 * <h2>The stores</h2>
 * <ul>
 *   <li>{@code plain} ({@code sync=always}): 300 keys written three times over, some deleted, a
 *       transaction, the empty key, an empty value and a 1.5 MiB value in a value file; log only
 *       (no checkpoint: the released engine makes one after 16 MiB).</li>
 *   <li>{@code versions} ({@code compression=true}, {@code max_versions=4}): 200 keys, five saved
 *       versions with sets and deletes between them (version 1 is pruned by the fifth save), a
 *       1.2 MiB compressible value (deflated value files) replaced between versions,
 *       {@code loadVersion(3)}, then a few more writes.</li>
 *   <li>{@code checkpointed} ({@code compression=false}, {@code sync=interval}), written with
 *       values of 4 KiB and more in value files, a checkpoint after 256 KiB and version chains of
 *       3: 120 random 1000-byte values, three versions (whole, delta, delta), a checkpoint, then in
 *       the log after it two more versions (whole, delta) and more writes. So it holds every kind
 *       of format-1 file: {@code checkpoint-N}, {@code log-N}, {@code version-N} deltas and
 *       {@code value-N}.</li>
 * </ul>
 * Before it writes {@code expected.txt}, it opens a copy of each store with the same jar and checks
 * that it reads back what was written. The format of {@code expected.txt} is described in the file
 * itself and in {@link FormatOneConversionTest}.
 */
final class FormatOneFixtureWriter {

    /** The released engine's {@code max_versions} when the config does not set it. */
    private static final int DEFAULT_MAX_VERSIONS = 100;
    private static final int PLAIN_KEYS = 300;
    private static final int VERSIONS_KEYS = 200;
    private static final int CHECKPOINTED_KEYS = 120;
    private static final long CHECKPOINT_WAIT_MILLIS = 30_000;
    private static final long SETTLE_MILLIS = 300;

    private final Path out;
    private final StringBuilder expected = new StringBuilder();

    private FormatOneFixtureWriter(Path out) {
        this.out = out;
    }

    /**
     * Writes the fixtures.
     *
     * @param args the output directory, then optionally a note on where the jar came from (such as
     *             the git commit it was built from), copied into {@code expected.txt}
     * @throws Exception if anything fails; the output is then incomplete and must be deleted
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1 || args.length > 2) {
            throw new IllegalArgumentException("usage: FormatOneFixtureWriter <output directory> [provenance]");
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out);
        Engine engine = releasedEngine();
        FormatOneFixtureWriter writer = new FormatOneFixtureWriter(out);
        writer.header(engine, args.length == 2 ? args[1] : "not given");
        writer.writePlain(engine);
        writer.writeVersions(engine);
        writer.writeCheckpointed(engine);
        Files.writeString(out.resolve("expected.txt"), writer.expected, StandardCharsets.UTF_8);
        listFiles(out);
    }

    // ---- the engines ----

    /** The "file" engine of the class path, as an application finds it. */
    private static Engine releasedEngine() {
        for (Engine engine : ServiceLoader.load(Engine.class)) {
            if ("file".equals(engine.name())) {
                return engine;
            }
        }
        throw new IllegalStateException("no engine named \"file\" on the class path");
    }

    /**
     * The same engine class with smaller internal sizes, through the package-private constructor
     * {@code FileEngine(Tuning)} and the record {@code Tuning(int largeValueBytes, long
     * checkpointMinBytes, int maxVersionChain)} of the format-1 jar.
     */
    private static Engine tunedEngine(Engine released, int largeValueBytes, long checkpointMinBytes,
            int maxVersionChain) throws ReflectiveOperationException {
        Class<?> engineClass = released.getClass();
        Class<?> tuningClass = Class.forName(engineClass.getPackageName() + ".Tuning", true,
                engineClass.getClassLoader());
        Constructor<?> newTuning = tuningClass.getDeclaredConstructor(int.class, long.class, int.class);
        newTuning.setAccessible(true);
        Constructor<?> newEngine = engineClass.getDeclaredConstructor(tuningClass);
        newEngine.setAccessible(true);
        return (Engine) newEngine.newInstance(newTuning.newInstance(largeValueBytes, checkpointMinBytes,
                maxVersionChain));
    }

    // ---- the stores ----

    private void writePlain(Engine engine) throws IOException {
        String name = "plain";
        Store store = engine.create(name, out.resolve(name).toString(), Config.of("sync", "always"));
        Model model = new Model(store);
        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < PLAIN_KEYS; i++) {
                model.set(key(i), Token.text(("value-" + (round * 1000 + i)).repeat(1 + i % 3)));
            }
        }
        for (int i = 0; i < PLAIN_KEYS; i += 7) {
            model.delete(key(i));
        }
        try (Transaction tx = ((Transactional) store).beginTx()) {
            model.stage(tx, key(7), Token.text("value-tx"));
            model.stage(tx, key(1), null);
            model.stage(tx, key(PLAIN_KEYS), Token.text("value-tx-new"));
            tx.commit();
            model.committed();
        }
        model.set(Token.hex(new byte[0]), Token.text("the-empty-key"));
        model.set(Token.text("empty-value"), Token.hex(new byte[0]));
        model.set(Token.text("large"), Token.random(20261207, 1536 * 1024));
        finish(engine, name, store, model, DEFAULT_MAX_VERSIONS);
    }

    private void writeVersions(Engine engine) throws IOException {
        String name = "versions";
        int maxVersions = 4;
        Store store = engine.create(name, out.resolve(name).toString(),
                Config.of("compression", true, "max_versions", maxVersions));
        Model model = new Model(store);
        for (int i = 0; i < VERSIONS_KEYS; i++) {
            model.set(key(i), Token.text("value-" + i));
        }
        model.save();
        for (int round = 2; round <= 5; round++) {
            for (int i = round; i < VERSIONS_KEYS; i += 10) {
                model.set(key(i), Token.text("value-" + (round * 1000 + i)));
            }
            for (int i = round; i < VERSIONS_KEYS; i += 13) {
                model.delete(key(i));
            }
            if (round == 2) {
                model.set(Token.text("large"), Token.repeat(100_000, "large-value-"));
            }
            if (round == 4) {
                model.set(Token.text("large"), Token.repeat(100_000, "LARGE-VALUE-"));
            }
            model.save();
        }
        model.load(3);
        model.set(key(0), Token.text("after-load"));
        model.delete(key(4));
        model.set(key(500), Token.text("new-after-load"));
        finish(engine, name, store, model, maxVersions);
    }

    private void writeCheckpointed(Engine released) throws IOException, ReflectiveOperationException {
        String name = "checkpointed";
        Path directory = out.resolve(name);
        Engine engine = tunedEngine(released, 4096, 256 * 1024, 3);
        Store store = engine.create(name, directory.toString(),
                Config.of("compression", false, "sync", "interval", "sync_interval_ms", 50));
        Model model = new Model(store);
        for (int i = 0; i < CHECKPOINTED_KEYS; i++) {
            model.set(key(i), Token.random(i, 1000));
        }
        model.set(Token.text("large-a"), Token.random(9001, 8192));
        model.save();
        overwrite(model, 0, 1000);
        for (int i = 1; i < CHECKPOINTED_KEYS; i += 9) {
            model.delete(key(i));
        }
        model.save();
        model.set(Token.text("large-b"), Token.random(9002, 12_000));
        model.delete(Token.text("large-a"));
        overwrite(model, 1, 2000);
        model.save();
        writeUntilCheckpoint(model, directory);
        overwrite(model, 2, 3000);
        model.save();
        overwrite(model, 3, 50_000);
        model.delete(key(3));
        model.save();
        model.set(Token.text("after-last-version"), Token.text("in-the-log-only"));
        finish(released, name, store, model, DEFAULT_MAX_VERSIONS);
        requireEveryKindOfFile(directory);
    }

    /** Sets every fourth key, starting at {@code first}, to a new random value. */
    private static void overwrite(Model model, int first, int seedBase) {
        for (int i = first; i < CHECKPOINTED_KEYS; i += 4) {
            if (model.has(key(i))) {
                model.set(key(i), Token.random(seedBase + i, 1000));
            }
        }
    }

    /**
     * Overwrites every key until the engine has made a checkpoint and deleted what it superseded, so
     * that the store's later writes land in the log after it. The checkpoint runs on the engine's
     * background thread, and a close while it is pending would skip it, hence the wait.
     */
    private static void writeUntilCheckpoint(Model model, Path directory) throws IOException {
        for (int round = 1; round <= 8; round++) {
            for (int i = 0; i < CHECKPOINTED_KEYS; i++) {
                if (model.has(key(i))) {
                    model.set(key(i), Token.random(10_000L * round + i, 1000));
                }
            }
            if (awaitSettledCheckpoint(directory)) {
                return;
            }
        }
        throw new IllegalStateException("no checkpoint in " + directory + " after 8 rounds of writes");
    }

    /**
     * Waits until the directory holds one complete checkpoint and no log segment older than it, the
     * same one twice in a row a moment apart (so that no second checkpoint is under way); false if
     * no checkpoint began at all.
     */
    private static boolean awaitSettledCheckpoint(Path directory) throws IOException {
        long deadline = System.currentTimeMillis() + CHECKPOINT_WAIT_MILLIS;
        long settled = -1;
        while (System.currentTimeMillis() < deadline) {
            sleep(SETTLE_MILLIS);
            long checkpoint = settledCheckpoint(directory);
            if (checkpoint == 0) {
                return false;
            }
            if (checkpoint > 0 && checkpoint == settled) {
                return true;
            }
            settled = checkpoint;
        }
        throw new IllegalStateException("the checkpoint in " + directory + " did not settle within "
                + CHECKPOINT_WAIT_MILLIS + " ms: " + list(directory));
    }

    /** The number of the one complete checkpoint, 0 if there is none, -1 while one is being made. */
    private static long settledCheckpoint(Path directory) throws IOException {
        List<Long> checkpoints = numbers(directory, "checkpoint-");
        List<Long> logs = numbers(directory, "log-");
        boolean writing = list(directory).stream().anyMatch(file -> file.endsWith(".tmp"));
        if (writing || checkpoints.size() > 1) {
            return -1;
        }
        if (checkpoints.isEmpty()) {
            return 0;
        }
        return logs.isEmpty() || logs.get(0) < checkpoints.get(0) ? -1 : checkpoints.get(0);
    }

    private static void requireEveryKindOfFile(Path directory) throws IOException {
        for (String kind : List.of("checkpoint-", "log-", "version-", "value-")) {
            if (numbers(directory, kind).isEmpty()) {
                throw new IllegalStateException(directory + " holds no " + kind + "N file: " + list(directory));
            }
        }
    }

    // ---- checking and recording ----

    /** Checks the open store against the model, closes it, checks a reopened copy, records it. */
    private void finish(Engine engine, String name, Store store, Model model, int keep) throws IOException {
        model.check(store, "before close");
        Versioned versioned = (Versioned) store;
        long[] listed = versioned.listVersions();
        long current = versioned.currentVersion();
        store.close();
        checkCopy(engine, name, model, listed, current);
        record(name, model, listed, current, keep);
    }

    /** Opens a copy (opening may change files, the fixture must stay as closed) and reads it all. */
    private void checkCopy(Engine engine, String name, Model model, long[] listed, long current) throws IOException {
        Path parent = Files.createTempDirectory("format1-check-");
        Path copy = parent.resolve(name);
        copyDirectory(out.resolve(name), copy);
        Store store = engine.open(name, copy.toString());
        try {
            Versioned versioned = (Versioned) store;
            model.check(store, "after reopen");
            require(Arrays.equals(listed, versioned.listVersions()), name + ": versions after reopen");
            require(current == versioned.currentVersion(), name + ": current version after reopen");
            for (long version : listed) {
                versioned.loadVersion(version);
                model.checkVersion(store, version);
            }
        } finally {
            store.close();
        }
        engine.destroy(name, copy.toString());
        Files.deleteIfExists(parent);
    }

    private void header(Engine engine, String provenance)
            throws IOException, NoSuchAlgorithmException, URISyntaxException {
        CodeSource source = engine.getClass().getProtectionDomain().getCodeSource();
        Path jar = Path.of(source.getLocation().toURI());
        String digest = Files.isRegularFile(jar) ? sha256(jar) : "(not a jar)";
        expected.append("# Format-1 fixtures of the file engine: what each store under this directory holds.\n")
                .append("# Written by FormatOneFixtureWriter (read it for how the stores were made) with\n")
                .append("# ").append(jar.getFileName()).append(" sha256 ").append(digest)
                .append(" (").append(provenance).append(")\n")
                .append("#\n")
                .append("# store <name>            begins a store: the directory <name> next to this file\n")
                .append("# keep <n>                its max_versions (0: unlimited)\n")
                .append("# versions <n>...         listVersions() of the closed store, ascending (may be empty)\n")
                .append("# current <n>             currentVersion()\n")
                .append("# pruned <n>...           versions that were saved and pruned (may be empty)\n")
                .append("# next <n>                the number the next saveVersion() returns\n")
                .append("# data <count>            begins the working data: <count> entry lines follow\n")
                .append("# version <n> <count> <hash>  begins kept version n: the hash saveVersion() returned\n")
                .append("#                         (64 hex digits), then <count> entry lines\n")
                .append("# entry <key> <value>     one entry, in ascending unsigned key order; each side is\n")
                .append("#   s:<text>              UTF-8 text without blanks\n")
                .append("#   x:<hex>               bytes in hex (x: alone is empty)\n")
                .append("#   rnd:<seed>:<length>   new java.util.Random(seed).nextBytes(new byte[length])\n")
                .append("#   rep:<count>:<text>    UTF-8 text without blanks, repeated count times\n");
    }

    private void record(String name, Model model, long[] listed, long current, int keep) {
        expected.append('\n').append("store ").append(name).append('\n')
                .append("keep ").append(keep).append('\n')
                .append("versions").append(numbersText(listed)).append('\n')
                .append("current ").append(current).append('\n')
                .append("pruned").append(numbersText(model.pruned(listed))).append('\n')
                .append("next ").append(model.next()).append('\n')
                .append("data ").append(model.entries().size()).append('\n');
        appendEntries(model.entries());
        for (long version : listed) {
            Map<byte[], Token[]> content = model.version(version);
            expected.append("version ").append(version).append(' ').append(content.size()).append(' ')
                    .append(model.hash(version)).append('\n');
            appendEntries(content);
        }
    }

    private void appendEntries(Map<byte[], Token[]> entries) {
        for (Token[] entry : entries.values()) {
            expected.append("entry ").append(entry[0].text()).append(' ').append(entry[1].text()).append('\n');
        }
    }

    // ---- small helpers ----

    private static Token key(int i) {
        return Token.text(String.format("key-%04d", i));
    }

    private static String numbersText(long[] numbers) {
        StringBuilder text = new StringBuilder();
        for (long number : numbers) {
            text.append(' ').append(number);
        }
        return text.toString();
    }

    private static void require(boolean condition, String what) {
        if (!condition) {
            throw new IllegalStateException("fixture check failed: " + what);
        }
    }

    private static List<String> list(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static List<Long> numbers(Path directory, String prefix) throws IOException {
        return list(directory).stream().filter(file -> file.matches(prefix + "\\d+"))
                .map(file -> Long.parseLong(file.substring(prefix.length()))).sorted().toList();
    }

    private static void copyDirectory(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        for (String file : list(from)) {
            Files.copy(from.resolve(file), to.resolve(file));
        }
    }

    private static void listFiles(Path out) throws IOException {
        try (Stream<Path> files = Files.walk(out)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                System.out.printf("%10d  %s%n", Files.size(file), out.relativize(file));
            }
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            digest.update(in.readAllBytes());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a checkpoint", e);
        }
    }

    /**
     * Bytes together with the text that names them in {@code expected.txt}.
     *
     * @param text  the token, such as {@code s:key-0001} or {@code rnd:7:1000}
     * @param bytes what it stands for
     */
    private record Token(String text, byte[] bytes) {

        static Token text(String text) {
            requireNoBlanks(text);
            return new Token("s:" + text, text.getBytes(StandardCharsets.UTF_8));
        }

        static Token hex(byte[] bytes) {
            return new Token("x:" + HexFormat.of().formatHex(bytes), bytes.clone());
        }

        static Token random(long seed, int length) {
            byte[] bytes = new byte[length];
            new Random(seed).nextBytes(bytes);
            return new Token("rnd:" + seed + ":" + length, bytes);
        }

        static Token repeat(int count, String unit) {
            requireNoBlanks(unit);
            return new Token("rep:" + count + ":" + unit, unit.repeat(count).getBytes(StandardCharsets.UTF_8));
        }

        private static void requireNoBlanks(String text) {
            if (text.chars().anyMatch(Character::isWhitespace)) {
                throw new IllegalArgumentException("a text token has no blanks: \"" + text + "\"");
            }
        }
    }

    /**
     * What a store should hold: its working data and the content and hash of every version saved,
     * kept in step with the store by doing every write through here.
     */
    private static final class Model {
        private final Store store;
        /** Key bytes to {key token, value token}, in the store's unsigned key order. */
        private final TreeMap<byte[], Token[]> data = new TreeMap<>(Arrays::compareUnsigned);
        private final Map<Long, TreeMap<byte[], Token[]>> versions = new LinkedHashMap<>();
        private final Map<Long, String> hashes = new LinkedHashMap<>();
        private final List<Change> staged = new ArrayList<>();
        private long lastSaved;

        /** A write made in a transaction, applied to the model once it commits. */
        private record Change(Token key, Token value) {
        }

        Model(Store store) {
            this.store = store;
        }

        void set(Token key, Token value) {
            store.set(key.bytes(), value.bytes());
            data.put(key.bytes(), new Token[] {key, value});
        }

        void delete(Token key) {
            store.delete(key.bytes());
            data.remove(key.bytes());
        }

        boolean has(Token key) {
            return data.containsKey(key.bytes());
        }

        /** Writes through a transaction; a null value deletes. */
        void stage(Transaction tx, Token key, Token value) {
            if (value == null) {
                tx.delete(key.bytes());
            } else {
                tx.set(key.bytes(), value.bytes());
            }
            staged.add(new Change(key, value));
        }

        void committed() {
            for (Change change : staged) {
                if (change.value() == null) {
                    data.remove(change.key().bytes());
                } else {
                    data.put(change.key().bytes(), new Token[] {change.key(), change.value()});
                }
            }
            staged.clear();
        }

        void save() {
            VersionInfo info = ((Versioned) store).saveVersion();
            require(info.version() == lastSaved + 1, "version numbers follow each other: " + info);
            lastSaved = info.version();
            versions.put(info.version(), new TreeMap<>(data));
            hashes.put(info.version(), info.hashHex());
        }

        void load(long version) {
            ((Versioned) store).loadVersion(version);
            data.clear();
            data.putAll(versions.get(version));
        }

        long next() {
            return lastSaved + 1;
        }

        Map<byte[], Token[]> entries() {
            return data;
        }

        Map<byte[], Token[]> version(long version) {
            return versions.get(version);
        }

        String hash(long version) {
            return hashes.get(version);
        }

        long[] pruned(long[] kept) {
            TreeSet<Long> pruned = new TreeSet<>(versions.keySet());
            Arrays.stream(kept).forEach(pruned::remove);
            return pruned.stream().mapToLong(Long::longValue).toArray();
        }

        void check(Store store, String when) {
            checkContent(store, data, store.name() + " " + when);
        }

        void checkVersion(Store store, long version) {
            checkContent(store, versions.get(version), store.name() + " version " + version);
        }

        private static void checkContent(Store store, Map<byte[], Token[]> expected, String what) {
            List<byte[][]> actual = new ArrayList<>();
            store.iterate((key, value) -> actual.add(new byte[][] {key, value}));
            require(actual.size() == expected.size(), what + ": " + actual.size() + " entries, expected "
                    + expected.size());
            int index = 0;
            for (Token[] entry : expected.values()) {
                byte[][] found = actual.get(index++);
                require(Arrays.equals(found[0], entry[0].bytes()) && Arrays.equals(found[1], entry[1].bytes()),
                        what + ": entry " + entry[0].text() + " differs");
            }
        }
    }
}
