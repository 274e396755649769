package dev.skeleton.storage.testkit;

import static dev.skeleton.storage.ErrorCode.INVALID_ARGUMENT;
import static dev.skeleton.storage.ErrorCode.STORE_CLOSED;
import static dev.skeleton.storage.ErrorCode.TX_CONFLICT;
import static dev.skeleton.storage.testkit.Bytes.hex;
import static dev.skeleton.storage.testkit.Bytes.show;
import static dev.skeleton.storage.testkit.Bytes.utf8;
import static dev.skeleton.storage.testkit.StorageAssertions.assertCode;
import static dev.skeleton.storage.testkit.StorageAssertions.assertContent;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.skeleton.storage.RangeQueryable;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The rules of {@link RangeQueryable} stores and of their transactions: half-open ranges
 * {@code [start, end)} in unsigned byte order, null or empty bounds as unbounded, empty ranges when
 * {@code start >= end}, both directions, the snapshot and visitor rules of {@code iterate}, and
 * conflicts of transactions over the ranges they read.
 *
 * <p>Skipped for engines without the range-query capability. Part of {@link EngineCompliance}.
 */
public interface RangeQueryableContract extends EngineFixture {

    /**
     * A range visits exactly the keys in {@code [start, end)}, ascending, and the same keys from the
     * highest down when descending. In the table, an unquoted empty cell is a null bound and
     * {@code ''} the empty array; the store holds a, b, ba, c and d.
     */
    @ParameterizedTest(name = "[{0}, {1}) visits [{2}]")
    @CsvSource({
        "b,  d,  b ba c",
        ",   c,  a b ba",
        "'', c,  a b ba",
        "c,  ,   c d",
        "c,  '', c d",
        ",   ,   a b ba c d",
        "'', '', a b ba c d",
        "b,  ba, b",
        "bb, zz, c d",
        "ba, bz, ba",
        "c,  c,  ''",
        "d,  b,  ''",
        "0,  a,  ''",
    })
    default void rangeVisitsTheHalfOpenInterval(String start, String end, String expected, StoreFixture fixture) {
        Store store = fixture.createStore();
        RangeQueryable range = fixture.rangeQueryable(store);
        Entries.write(store, "d=4", "ba=2", "a=1", "c=3", "b=2");
        List<String> ascending = expected.isBlank() ? List.of() : List.of(expected.split(" "));

        assertEquals(ascending, keysIn(range, bound(start), bound(end), true), "ascending");
        assertEquals(reversed(ascending), keysIn(range, bound(start), bound(end), false), "descending");
    }

    /** Bounds compare unsigned: 0x7f sorts below 0x80, and a bound's prefix sorts below it. */
    @Test
    default void rangeBoundsCompareUnsigned(StoreFixture fixture) {
        Store store = fixture.createStore();
        RangeQueryable range = fixture.rangeQueryable(store);
        for (String key : List.of("ff", "8000", "80", "7fff", "7f", "00")) {
            store.set(hex(key), utf8("v"));
        }

        assertEquals(List.of("0x7f", "0x7fff"), keysIn(range, hex("7f"), hex("80"), true));
        assertEquals(List.of("0x80", "0x8000"), keysIn(range, hex("80"), hex("ff"), true));
        assertEquals(List.of("0xff", "0x8000", "0x80"), keysIn(range, hex("80"), null, false));
        assertEquals(List.of("0x7fff", "0x7f", "0x00"), keysIn(range, null, hex("80"), false));
    }

    /** The range ends as soon as the visitor returns false, in either direction. */
    @Test
    default void rangeStopsWhenVisitorReturnsFalse(StoreFixture fixture) {
        Store store = fixture.createStore();
        RangeQueryable range = fixture.rangeQueryable(store);
        Entries.write(store, "a=1", "b=2", "c=3", "d=4");

        assertEquals(List.of("b"), firstKeyOf(range, true));
        assertEquals(List.of("c"), firstKeyOf(range, false));
    }

    /** Changing the arrays a range visitor receives does not change stored data. */
    @Test
    default void rangeVisitorReceivesCopies(StoreFixture fixture) {
        Store store = fixture.createStore();
        RangeQueryable range = fixture.rangeQueryable(store);
        Entries.write(store, "a=1", "b=2");

        range.iterateRange(null, null, true, (key, value) -> {
            Arrays.fill(key, (byte) 'X');
            Arrays.fill(value, (byte) 'X');
            return true;
        });

        assertContent(store, "a=1", "b=2");
    }

    /** The visitor of a range may write the store; the running range does not see the writes. */
    @Test
    default void rangeVisitorMayWriteTheStore(StoreFixture fixture) {
        Store store = fixture.createStore();
        RangeQueryable range = fixture.rangeQueryable(store);
        Entries.write(store, "a=1", "b=2", "c=3");
        List<String> visited = new ArrayList<>();

        range.iterateRange(utf8("a"), utf8("z"), true, (key, value) -> {
            visited.add(show(key));
            store.set(utf8("y" + show(key)), value); // inside the range, after every visited key
            store.delete(key);
            fixture.runOnAnotherThread("a set on another thread during iterateRange",
                    () -> store.set(utf8("x" + show(key)), value));
            return true;
        });

        assertEquals(List.of("a", "b", "c"), visited, "the range must not see its visitor's writes");
        assertContent(store, "xa=1", "xb=2", "xc=3", "ya=1", "yb=2", "yc=3");
    }

    /** A null visitor is {@code INVALID_ARGUMENT}. */
    @Test
    default void nullRangeVisitorIsInvalidArgument(StoreFixture fixture) {
        RangeQueryable range = fixture.rangeQueryable(fixture.createStore());

        assertCode(INVALID_ARGUMENT, () -> range.iterateRange(null, null, true, null));
    }

    /** {@code iterateRange} on a closed store is {@code STORE_CLOSED}. */
    @Test
    default void iterateRangeAfterCloseIsStoreClosed(StoreFixture fixture) {
        Store store = fixture.createStore();
        RangeQueryable range = fixture.rangeQueryable(store);
        store.close();

        assertCode(STORE_CLOSED, () -> range.iterateRange(null, null, true, (k, v) -> true));
    }

    /** A transaction's range merges its own writes and deletes into its snapshot, both directions. */
    @Test
    default void transactionRangeShowsItsMergedView(StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "a=1", "b=2", "c=3", "d=4");

        try (Transaction tx = fixture.transactional(store).beginTx()) {
            RangeQueryable range = fixture.rangeQueryable(tx);
            Entries.write(tx, "b=changed", "bb=new", "d0=outside");
            tx.delete(utf8("c"));
            Entries.write(store, "bc=after-begin");

            assertEquals(List.of("b=changed", "bb=new"), entriesIn(range, utf8("b"), utf8("d"), true));
            assertEquals(List.of("bb=new", "b=changed"), entriesIn(range, utf8("b"), utf8("d"), false));
        }
    }

    /** A key inserted by someone else into a range the transaction iterated is a conflict. */
    @Test
    default void keyInsertedIntoReadRangeConflicts(StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "b=1", "d=1");
        Transaction tx = fixture.transactional(store).beginTx();
        keysIn(fixture.rangeQueryable(tx), utf8("b"), utf8("d"), true);
        Entries.write(tx, "written=1");

        Entries.write(store, "c=inserted");

        assertCode(TX_CONFLICT, tx::commit, "commit after an insert into a range the transaction read");
    }

    /** Keys inserted outside the ranges a transaction iterated do not make it conflict. */
    @Test
    default void keyInsertedOutsideReadRangeDoesNotConflict(StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "b=1", "d=1");
        Transaction tx = fixture.transactional(store).beginTx();
        keysIn(fixture.rangeQueryable(tx), utf8("b"), utf8("d"), false);
        Entries.write(tx, "written=1");

        Entries.write(store, "a=before", "x=after");

        assertDoesNotThrow(tx::commit, "commit after inserts outside the range the transaction read");
    }

    private static List<String> keysIn(RangeQueryable range, byte[] start, byte[] end, boolean ascending) {
        return Entries.keys(visitor -> range.iterateRange(start, end, ascending, visitor));
    }

    private static List<String> entriesIn(RangeQueryable range, byte[] start, byte[] end, boolean ascending) {
        return Entries.visit(visitor -> range.iterateRange(start, end, ascending, visitor));
    }

    private static List<String> firstKeyOf(RangeQueryable range, boolean ascending) {
        List<String> visited = new ArrayList<>();
        range.iterateRange(utf8("b"), utf8("d"), ascending, (key, value) -> {
            visited.add(show(key));
            return false;
        });
        return visited;
    }

    private static byte[] bound(String text) {
        return text == null ? null : utf8(text);
    }

    private static List<String> reversed(List<String> keys) {
        List<String> reversed = new ArrayList<>(keys);
        Collections.reverse(reversed);
        return reversed;
    }
}
