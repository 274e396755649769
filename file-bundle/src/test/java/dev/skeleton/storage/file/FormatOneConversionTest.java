package dev.skeleton.storage.file;

import static dev.skeleton.storage.file.TestStores.assertCode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.VersionInfo;
import dev.skeleton.storage.Versioned;
import dev.skeleton.storage.core.ContentHash;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Stores written by the release that wrote format version 1 open with today's engine holding
 * everything they held: working data, the versions kept and their content hashes, the current
 * version, large values byte for byte. Opening converts them (if the format changed), so opening
 * twice must give the same store, and writes made after the conversion must survive a reopen.
 *
 * <h2>The fixtures</h2>
 * {@code src/test/resources/format1} holds three stores made by {@link FormatOneFixtureWriter} with
 * the format-1 jar (read it for what each holds and why). They stand for files already on users'
 * disks: never make them again with later code. Each test copies a store to a temporary directory
 * first, since opening may change files.
 *
 * <h2>{@code expected.txt}</h2>
 * What the stores hold, one line per fact; lines starting with {@code #} and blank lines are
 * comments:
 * <pre>
 * store &lt;name&gt;                    begins a store: the directory &lt;name&gt; beside the file
 * keep &lt;n&gt;                        its max_versions (0: unlimited)
 * versions &lt;n&gt;...                 listVersions(), ascending (nothing after the word when empty)
 * current &lt;n&gt;                     currentVersion()
 * pruned &lt;n&gt;...                   versions saved and then pruned (may be empty)
 * next &lt;n&gt;                        the number the next saveVersion() returns
 * data &lt;count&gt;                    begins the working data: &lt;count&gt; entry lines follow
 * version &lt;n&gt; &lt;count&gt; &lt;hash&gt;     begins kept version n, with the hash (64 hex digits) that
 *                                 saveVersion() returned; &lt;count&gt; entry lines follow
 * entry &lt;key&gt; &lt;value&gt;             one entry, in ascending unsigned key order
 * </pre>
 * A key or value is written as {@code s:<text>} (UTF-8 text without blanks), {@code x:<hex>}
 * (bytes in hex; {@code x:} alone is empty), {@code rnd:<seed>:<length>} (the bytes of
 * {@code new java.util.Random(seed).nextBytes(new byte[length])}) or {@code rep:<count>:<text>}
 * (the text repeated count times). So large values are compared byte for byte without being
 * spelled out.
 */
class FormatOneConversionTest {

    private static final String FIXTURES = "/format1";
    private static Path fixtures;
    private static Map<String, Expected> expected;

    @TempDir
    Path directory;

    private final FileEngine engine = new FileEngine();

    @BeforeAll
    static void readExpected() throws IOException, URISyntaxException {
        fixtures = Path.of(FormatOneConversionTest.class.getResource(FIXTURES + "/expected.txt").toURI()).getParent();
        expected = ExpectedFile.read(fixtures.resolve("expected.txt"));
    }

    /** Guards the fixtures themselves: they are format 1 and hold every kind of file it has. */
    @Test
    void theFixturesAreFormatOneStoresWithEveryKindOfFile() throws IOException {
        assertEquals(List.of("checkpointed", "plain", "versions"), List.copyOf(new TreeMap<>(expected).keySet()));
        List<String> checkpointed = files(fixtures.resolve("checkpointed"));
        for (String kind : List.of("checkpoint-", "log-", "version-", "value-")) {
            assertTrue(checkpointed.stream().anyMatch(file -> file.startsWith(kind)), kind + "N in " + checkpointed);
        }
        for (String store : expected.keySet()) {
            for (String file : files(fixtures.resolve(store))) {
                if (file.matches("(log|checkpoint|version)-\\d+")) {
                    assertFormatOneHeader(fixtures.resolve(store).resolve(file));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "versions", "checkpointed"})
    void theRecordedHashesAreTheContentHashesOfTheRecordedVersions(String name) {
        for (Map.Entry<Long, Section> version : expected.get(name).kept().entrySet()) {
            assertEquals(version.getValue().hash(), hashOf(version.getValue().entries()),
                    name + " version " + version.getKey());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "versions", "checkpointed"})
    void openingKeepsEverythingTheStoreHeld(String name) throws IOException {
        String path = copy(name);
        try (Store store = engine.open(name, path)) {
            assertHolds(store, expected.get(name));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "versions", "checkpointed"})
    void aSecondOpenFindsTheSameStore(String name) throws IOException {
        Expected store = expected.get(name);
        String path = copy(name);
        try (Store first = engine.open(name, path)) {
            assertContent(first, store.data().entries(), name + " working data, first open");
            assertArrayEquals(store.versions(), ((Versioned) first).listVersions(), name + " versions, first open");
        }
        try (Store second = engine.open(name, path)) {
            assertHolds(second, store);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "versions", "checkpointed"})
    void writesAfterOpeningSurviveAReopen(String name) throws IOException {
        Expected before = expected.get(name);
        String path = copy(name);
        Map<String, Entry> data = new LinkedHashMap<>();
        before.data().entries().forEach(entry -> data.put(HexFormat.of().formatHex(entry.key()), entry));
        VersionInfo saved;
        try (Store store = engine.open(name, path)) {
            Entry first = before.data().entries().get(0);
            store.delete(first.key());
            data.remove(HexFormat.of().formatHex(first.key()));
            for (Entry entry : List.of(Entry.of("s:written-after-open", "s:yes"),
                    Entry.of("s:large-after-open", "rnd:77:1100000"))) {
                store.set(entry.key(), entry.value());
                data.put(HexFormat.of().formatHex(entry.key()), entry);
            }
            saved = ((Versioned) store).saveVersion();
        }
        Section now = new Section(sorted(data.values()), saved.hashHex());
        assertEquals(before.next(), saved.version(), name + ": numbering goes on after the highest saved");
        assertEquals(hashOf(now.entries()), saved.hashHex(), name + ": hash of the version saved after open");
        try (Store store = engine.open(name, path)) {
            assertHolds(store, before.afterSaving(now));
        }
    }

    // ---- assertions ----

    /** Checks everything; loads every kept version, so the working data ends as the newest one. */
    private static void assertHolds(Store store, Expected expected) {
        String name = store.name();
        Versioned versioned = (Versioned) store;
        assertContent(store, expected.data().entries(), name + " working data");
        for (Entry entry : expected.data().entries()) {
            assertArrayEquals(entry.value(), store.get(entry.key()), name + ": get " + entry.keyText());
        }
        assertArrayEquals(expected.versions(), versioned.listVersions(), name + " versions");
        assertEquals(expected.current(), versioned.currentVersion(), name + " current version");
        for (long pruned : expected.pruned()) {
            assertCode(ErrorCode.VERSION_NOT_FOUND, () -> versioned.loadVersion(pruned));
        }
        for (Map.Entry<Long, Section> version : expected.kept().entrySet()) {
            String what = name + " version " + version.getKey();
            versioned.loadVersion(version.getKey());
            assertEquals(version.getKey(), versioned.currentVersion(), what + " is current once loaded");
            assertContent(store, version.getValue().entries(), what);
            assertEquals(version.getValue().hash(), hashOf(read(store)), what + ": content hash");
        }
    }

    private static void assertContent(Store store, List<Entry> expected, String what) {
        List<Entry> actual = read(store);
        assertEquals(expected.stream().map(Entry::keyText).toList(), actual.stream().map(Entry::keyText).toList(),
                what + ": keys");
        for (int i = 0; i < expected.size(); i++) {
            assertArrayEquals(expected.get(i).value(), actual.get(i).value(),
                    what + ": value of " + expected.get(i).keyText());
        }
    }

    /** The first frame of a log, checkpoint or version file: FILE_HEADER of format version 1. */
    private static void assertFormatOneHeader(Path file) throws IOException {
        byte[] start;
        try (InputStream in = Files.newInputStream(file)) {
            start = in.readNBytes(15);
        }
        // length:u32 crc:u32, then the body: flags=0 (plain), type=1 (FILE_HEADER), magic:i32,
        // formatVersion:varint (one byte for 1).
        assertEquals(15, start.length, file + " is too short for a header");
        assertEquals(0, start[8], file + ": header frame flags");
        assertEquals(1, start[9], file + ": FILE_HEADER");
        assertEquals(1, start[14], file + ": format version");
    }

    // ---- helpers ----

    private String copy(String name) throws IOException {
        Path to = directory.resolve(name);
        Files.createDirectories(to);
        for (String file : files(fixtures.resolve(name))) {
            Files.copy(fixtures.resolve(name).resolve(file), to.resolve(file));
        }
        return to.toString();
    }

    private static List<String> files(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(file -> file.getFileName().toString()).sorted().toList();
        }
    }

    private static List<Entry> read(Store store) {
        List<Entry> entries = new ArrayList<>();
        store.iterate((key, value) -> entries.add(new Entry(key, value)));
        return entries;
    }

    private static List<Entry> sorted(Iterable<Entry> entries) {
        List<Entry> list = new ArrayList<>();
        entries.forEach(list::add);
        list.sort((a, b) -> Arrays.compareUnsigned(a.key(), b.key()));
        return list;
    }

    private static String hashOf(List<Entry> entries) {
        return HexFormat.of().formatHex(ContentHash.of(
                entries.stream().map(entry -> Map.entry(entry.key(), entry.value())).toList()));
    }

    // ---- expected.txt ----

    /** One entry; {@code keyText} is how failures name it ({@link Token#text}). */
    private record Entry(String keyText, byte[] key, byte[] value) {

        Entry(byte[] key, byte[] value) {
            this(Token.text(key), key, value);
        }

        static Entry of(String keyToken, String valueToken) {
            return new Entry(Token.decode(keyToken), Token.decode(valueToken));
        }
    }

    /** Entries in key order, and the recorded hash (null for the working data). */
    private record Section(List<Entry> entries, String hash) {
    }

    /** What one store holds. */
    private record Expected(int keep, long[] versions, long current, long[] pruned, long next, Section data,
            Map<Long, Section> kept) {

        /**
         * What the store holds once its working data became {@code saved} and was saved as version
         * {@link #next()}: the versions beyond {@code keep} are pruned, oldest first.
         */
        Expected afterSaving(Section saved) {
            long[] all = LongStream.concat(Arrays.stream(versions), LongStream.of(next)).toArray();
            int dropped = keep > 0 ? Math.max(0, all.length - keep) : 0;
            Map<Long, Section> nowKept = new LinkedHashMap<>();
            for (long version : Arrays.copyOfRange(all, dropped, all.length)) {
                nowKept.put(version, version == next ? saved : kept.get(version));
            }
            long[] nowPruned = LongStream.concat(Arrays.stream(pruned), Arrays.stream(all, 0, dropped)).toArray();
            return new Expected(keep, Arrays.copyOfRange(all, dropped, all.length), next, nowPruned, next + 1,
                    new Section(saved.entries(), null), nowKept);
        }
    }

    /** Decodes the spellings of keys and values in {@code expected.txt}. */
    private static final class Token {

        private Token() {
        }

        static byte[] decode(String token) {
            int colon = token.indexOf(':');
            String rest = token.substring(colon + 1);
            return switch (token.substring(0, Math.max(colon, 0))) {
                case "s" -> rest.getBytes(StandardCharsets.UTF_8);
                case "x" -> HexFormat.of().parseHex(rest);
                case "rnd" -> random(rest.split(":"));
                case "rep" -> repeat(rest);
                default -> throw new IllegalArgumentException("unknown token in expected.txt: " + token);
            };
        }

        /** How a failure names a key: as text when it is printable without blanks, else in hex. */
        static String text(byte[] key) {
            String text = new String(key, StandardCharsets.US_ASCII);
            boolean printable = key.length > 0 && text.chars().allMatch(c -> c > ' ' && c < 0x7f);
            return printable ? "s:" + text : "x:" + HexFormat.of().formatHex(key);
        }

        private static byte[] random(String[] seedAndLength) {
            byte[] bytes = new byte[Integer.parseInt(seedAndLength[1])];
            new Random(Long.parseLong(seedAndLength[0])).nextBytes(bytes);
            return bytes;
        }

        private static byte[] repeat(String countAndText) {
            int colon = countAndText.indexOf(':');
            return countAndText.substring(colon + 1).repeat(Integer.parseInt(countAndText.substring(0, colon)))
                    .getBytes(StandardCharsets.UTF_8);
        }
    }

    /** Reads {@code expected.txt}: a few header lines per store, then sections of entry lines. */
    private static final class ExpectedFile {
        private final Map<String, Expected> stores = new LinkedHashMap<>();
        private final Map<String, String> header = new LinkedHashMap<>();
        private final Map<Long, Section> kept = new LinkedHashMap<>();
        private String store;
        private Section data;
        private List<Entry> section;
        private int sectionSize;

        static Map<String, Expected> read(Path file) throws IOException {
            ExpectedFile reader = new ExpectedFile();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    reader.line(line.strip().split(" "));
                }
            }
            reader.endStore();
            return reader.stores;
        }

        private void line(String[] words) {
            switch (words[0]) {
                case "store" -> {
                    endStore();
                    store = words[1];
                }
                case "data" -> data = beginSection(Integer.parseInt(words[1]), null);
                case "version" ->
                        kept.put(Long.parseLong(words[1]), beginSection(Integer.parseInt(words[2]), words[3]));
                case "entry" -> section.add(Entry.of(words[1], words[2]));
                default -> header.put(words[0], String.join(" ", Arrays.asList(words).subList(1, words.length)));
            }
        }

        private Section beginSection(int size, String hash) {
            endSection();
            section = new ArrayList<>();
            sectionSize = size;
            return new Section(section, hash);
        }

        private void endSection() {
            if (section != null) {
                assertEquals(sectionSize, section.size(), "expected.txt: entry lines in a section of " + store);
            }
            section = null;
        }

        private void endStore() {
            endSection();
            if (store == null) {
                return;
            }
            assertFalse(data == null, "expected.txt: no data section for " + store);
            stores.put(store, new Expected(Integer.parseInt(header.get("keep")), numbers("versions"),
                    Long.parseLong(header.get("current")), numbers("pruned"), Long.parseLong(header.get("next")),
                    data, new LinkedHashMap<>(kept)));
            header.clear();
            kept.clear();
            data = null;
        }

        private long[] numbers(String key) {
            String text = header.get(key);
            return text.isEmpty() ? new long[0] : Arrays.stream(text.split(" ")).mapToLong(Long::parseLong).toArray();
        }
    }
}
