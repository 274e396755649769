package dev.skeleton.storage.webconsole;

import static dev.skeleton.storage.webconsole.TestStores.key;
import static dev.skeleton.storage.webconsole.TestStores.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.KeyValueVisitor;
import dev.skeleton.storage.RangeQueryable;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.multistore.DefaultMultiStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyPagerTest {

    private static final int KEYS = 10_000;
    private static final byte[] NONE = new byte[0];

    @TempDir
    Path root;

    private DefaultMultiStore stores;

    @BeforeEach
    void open() {
        stores = TestStores.open(root);
    }

    @AfterEach
    void close() {
        stores.close();
    }

    @Test
    void pagesThroughTenThousandKeysWithoutGapOrOverlapReadingOnlyEachPage() {
        stores.createStore("big", "memory", Config.empty());
        TestStores.fill(stores.getStore("big"), KEYS);
        AtomicInteger visits = new AtomicInteger();
        Store counted = counting(stores.getStore("big"), visits);

        List<String> seen = new ArrayList<>();
        KeyRange range = KeyRange.ALL;
        int pages = 0;
        while (true) {
            visits.set(0);
            KeyPage page = KeyPager.page(counted, range, 50, false);
            pages++;
            assertTrue(visits.get() <= 51, "page " + pages + " visited " + visits.get() + " entries");
            page.entries().forEach(entry -> seen.add(entry.key()));
            if (!page.more()) {
                assertNull(page.next());
                break;
            }
            assertEquals(50, page.entries().size());
            range = KeyRange.ALL.after(ByteText.parse(page.next(), true, "after"));
        }
        assertEquals(KEYS / 50, pages);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < KEYS; i++) {
            expected.add(key(i));
        }
        assertEquals(expected, seen);
    }

    @Test
    void lastFullPageSaysThereIsNoMore() {
        stores.createStore("s", "memory", Config.empty());
        TestStores.fill(stores.getStore("s"), 100);
        KeyPage first = KeyPager.page(stores.getStore("s"), KeyRange.ALL, 50, false);
        assertTrue(first.more());
        assertEquals(ByteText.hex(utf8(key(49))), first.next());
        KeyPage second = KeyPager.page(stores.getStore("s"), KeyRange.ALL.after(utf8(key(49))), 50, false);
        assertEquals(50, second.entries().size());
        assertEquals(key(50), second.entries().get(0).key());
        assertFalse(second.more());
    }

    @Test
    void prefixAndRange() {
        stores.createStore("s", "memory", Config.empty());
        Store store = stores.getStore("s");
        TestStores.fill(store, 300);
        store.set(utf8("other"), utf8("x"));

        KeyPage prefixed = KeyPager.page(store, KeyRange.of(utf8("key001"), NONE, NONE), 500, false);
        assertEquals(100, prefixed.entries().size());
        assertEquals(key(100), prefixed.entries().get(0).key());
        assertEquals(key(199), prefixed.entries().get(99).key());

        KeyPage ranged = KeyPager.page(store, KeyRange.of(NONE, utf8(key(10)), utf8(key(13))), 50, false);
        assertEquals(List.of(key(10), key(11), key(12)), keys(ranged));
        assertFalse(ranged.more());

        KeyPage empty = KeyPager.page(store, KeyRange.of(NONE, utf8("z"), utf8("a")), 50, false);
        assertTrue(empty.entries().isEmpty());
        assertFalse(empty.more());
    }

    @Test
    void hexShowsKeysAndValuesAsHex() {
        stores.createStore("s", "memory", Config.empty());
        Store store = stores.getStore("s");
        store.set(new byte[] {0x00, (byte) 0xff}, new byte[] {0x01});
        store.set(utf8("k"), utf8("v"));
        KeyPage hex = KeyPager.page(store, KeyRange.ALL, 50, true);
        assertEquals(List.of(new KeyPage.Entry("00ff", "01", 1, false), new KeyPage.Entry("6b", "76", 1, false)),
                hex.entries());
        KeyPage text = KeyPager.page(store, KeyRange.ALL, 50, false);
        assertEquals(List.of(new KeyPage.Entry("hex:00ff", "hex:01", 1, false), new KeyPage.Entry("k", "v", 1, false)),
                text.entries());
    }

    @Test
    void longValuesAreCut() {
        stores.createStore("s", "memory", Config.empty());
        Store store = stores.getStore("s");
        store.set(utf8("long"), utf8("x".repeat(5000)));
        store.set(utf8("edge"), utf8("y".repeat(1024)));
        KeyPage page = KeyPager.page(store, KeyRange.ALL, 50, false);
        assertEquals(new KeyPage.Entry("edge", "y".repeat(1024), 1024, false), page.entries().get(0));
        assertEquals(new KeyPage.Entry("long", "x".repeat(1024) + "\u2026(5000 bytes)", 5000, true),
                page.entries().get(1));
    }

    @Test
    void storeWithoutRangesIsReadFromTheStartAndStopsAfterThePage() {
        stores.createStore("p", PlainEngine.NAME, Config.empty());
        Store plain = stores.getStore("p");
        assertFalse(plain instanceof RangeQueryable);
        TestStores.fill(plain, 1000);
        AtomicInteger visits = new AtomicInteger();
        Store counted = counting(plain, visits);

        KeyPage page = KeyPager.page(counted, KeyRange.of(NONE, utf8(key(500)), NONE).after(utf8(key(519))), 10, false);
        assertEquals(key(520), page.entries().get(0).key());
        assertEquals(key(529), page.entries().get(9).key());
        assertTrue(page.more());
        assertEquals(531, visits.get(), "keys before the page are visited, none after the entry past it");

        visits.set(0);
        KeyPage bounded = KeyPager.page(counted, KeyRange.of(utf8("key005"), NONE, NONE), 200, false);
        assertEquals(100, bounded.entries().size());
        assertEquals(key(599), bounded.entries().get(99).key());
        assertFalse(bounded.more());
        assertEquals(601, visits.get(), "stops at the first key above the range");
    }

    private static List<String> keys(KeyPage page) {
        return page.entries().stream().map(KeyPage.Entry::key).toList();
    }

    /** The store, with every entry its iterations hand to a visitor counted. */
    private static Store counting(Store store, AtomicInteger visits) {
        List<Class<?>> types = new ArrayList<>(List.of(Store.class));
        if (store instanceof RangeQueryable) {
            types.add(RangeQueryable.class);
        }
        return (Store) Proxy.newProxyInstance(KeyPagerTest.class.getClassLoader(), types.toArray(new Class<?>[0]),
                (proxy, method, args) -> {
                    Object[] counted = args == null ? null : Arrays.copyOf(args, args.length);
                    if (counted != null) {
                        for (int i = 0; i < counted.length; i++) {
                            if (counted[i] instanceof KeyValueVisitor visitor) {
                                counted[i] = (KeyValueVisitor) (k, v) -> {
                                    visits.incrementAndGet();
                                    return visitor.visit(k, v);
                                };
                            }
                        }
                    }
                    try {
                        return method.invoke(store, counted);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
