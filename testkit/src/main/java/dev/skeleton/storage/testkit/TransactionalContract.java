package dev.skeleton.storage.testkit;

import static dev.skeleton.storage.ErrorCode.INVALID_ARGUMENT;
import static dev.skeleton.storage.ErrorCode.KEY_NOT_FOUND;
import static dev.skeleton.storage.ErrorCode.STORE_CLOSED;
import static dev.skeleton.storage.ErrorCode.TX_CONFLICT;
import static dev.skeleton.storage.ErrorCode.TX_NOT_ACTIVE;
import static dev.skeleton.storage.ErrorCode.TX_READ_ONLY;
import static dev.skeleton.storage.testkit.Bytes.hex;
import static dev.skeleton.storage.testkit.Bytes.show;
import static dev.skeleton.storage.testkit.Bytes.utf8;
import static dev.skeleton.storage.testkit.StorageAssertions.assertAbsent;
import static dev.skeleton.storage.testkit.StorageAssertions.assertCode;
import static dev.skeleton.storage.testkit.StorageAssertions.assertContent;
import static dev.skeleton.storage.testkit.StorageAssertions.assertPresent;
import static dev.skeleton.storage.testkit.StorageAssertions.assertValue;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.Versioned;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules of {@link Transactional} stores and their {@link Transaction}s: serializable, optimistic
 * isolation (snapshot reads, own writes, atomic commit), conflicts exactly when a key the
 * transaction read or wrote changed after it began, read-only transactions, and the life cycle.
 *
 * <p>Skipped for engines without the transactions capability. Part of {@link EngineCompliance}. It
 * extends {@link ContentHashReaderContract}, whose tests run when the engine's read-only
 * transactions implement the optional {@link dev.skeleton.storage.ContentHashReader}.
 * The conflict tests come in pairs: one shows a conflict that must be detected, another that
 * changes of keys the transaction never touched must not make it fail.
 */
public interface TransactionalContract extends ContentHashReaderContract {

    /** A store of an engine with transactions implements {@link Transactional}. */
    @Test
    default void storeIsTransactional(StoreFixture fixture) {
        Transactional store = fixture.transactional(fixture.createStore());

        try (Transaction tx = store.beginTx(); Transaction readOnly = store.beginReadOnlyTx()) {
            assertTrue(tx.isActive(), "a new transaction is active");
            assertFalse(tx.isReadOnly(), "beginTx() is read-write");
            assertTrue(readOnly.isReadOnly(), "beginReadOnlyTx() is read-only");
        }
    }

    /** A transaction is not itself {@link Transactional} (no nesting) nor {@link Versioned}. */
    @Test
    default void transactionIsNotTransactionalNorVersioned(StoreFixture fixture) {
        Transactional store = fixture.transactional(fixture.createStore());

        try (Transaction tx = store.beginTx()) {
            assertFalse(tx instanceof Transactional, "a transaction must not be Transactional");
            assertFalse(tx instanceof Versioned, "a transaction must not be Versioned");
        }
    }

    /** A transaction's name and path are its store's. */
    @Test
    default void transactionAnswersItsStoresNameAndPath(StoreFixture fixture) {
        Store store = fixture.createStore();

        try (Transaction tx = fixture.transactional(store).beginTx()) {
            assertEquals(store.name(), tx.name());
            assertEquals(store.path(), tx.path());
        }
    }

    /** A transaction reads its own writes, in get, has and iterate. */
    @Test
    default void transactionReadsItsOwnWrites(StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "a=1", "c=3");

        try (Transaction tx = fixture.transactional(store).beginTx()) {
            Entries.write(tx, "b=2", "c=changed");

            assertValue(tx, "b", "2");
            assertPresent(tx, "b");
            assertContent(tx, "a=1", "b=2", "c=changed");
        }
    }

    /** A transaction reads its own deletes as absent: get fails, has is false, iterate skips. */
    @Test
    default void transactionReadsItsOwnDeletesAsAbsent(StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "a=1", "b=2");

        try (Transaction tx = fixture.transactional(store).beginTx()) {
            tx.delete(utf8("a"));

            assertAbsent(tx, "a");
            assertContent(tx, "b=2");
        }
    }

    /** Writes of a transaction merge into its iteration in unsigned key order. */
    @Test
    default void transactionIteratesItsWritesInUnsignedOrder(StoreFixture fixture) {
        Store store = fixture.createStore();
        store.set(hex("7f"), utf8("v"));
        store.set(hex("ff"), utf8("v"));

        try (Transaction tx = fixture.transactional(store).beginTx()) {
            tx.set(hex("80"), utf8("v"));
            tx.set(hex("00"), utf8("v"));
            tx.delete(hex("ff"));

            assertEquals(List.of("0x00", "0x7f", "0x80"), Entries.keys(tx::iterate));
        }
    }

    /** Until commit, a transaction's writes are invisible to the store and to other transactions. */
    @Test
    default void writesAreInvisibleUntilCommit(StoreFixture fixture) {
        Store store = fixture.createStore();
        Transactional transactional = fixture.transactional(store);
        Entries.write(store, "deleted=1");

        try (Transaction writer = transactional.beginTx(); Transaction other = transactional.beginTx()) {
            Entries.write(writer, "new=1");
            writer.delete(utf8("deleted"));

            assertAbsent(store, "new");
            assertContent(store, "deleted=1");
            assertAbsent(other, "new");
            assertContent(other, "deleted=1");
            writer.commit();
        }
        assertContent(store, "new=1");
    }

    /** Commit applies every write and delete of the transaction. */
    @Test
    default void commitAppliesAllWritesAndDeletes(StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "keep=1", "drop=2", "change=3");

        try (Transaction tx = fixture.transactional(store).beginTx()) {
            Entries.write(tx, "add=4", "change=changed");
            tx.delete(utf8("drop"));
            tx.commit();
        }

        assertContent(store, "add=4", "change=changed", "keep=1");
    }

    /** Rollback discards the transaction's writes. */
    @Test
    default void rollbackDiscardsWrites(StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "a=1");

        Transaction tx = fixture.transactional(store).beginTx();
        Entries.write(tx, "b=2");
        tx.delete(utf8("a"));
        tx.rollback();

        assertFalse(tx.isActive(), "isActive after rollback");
        assertContent(store, "a=1");
    }

    /** Closing an active transaction rolls it back: try-with-resources without commit changes nothing. */
    @Test
    default void closeOfActiveTransactionRollsBack(StoreFixture fixture) {
        Store store = fixture.createStore();
        Transaction escaped;

        try (Transaction tx = fixture.transactional(store).beginTx()) {
            Entries.write(tx, "a=1");
            escaped = tx;
        }

        assertFalse(escaped.isActive(), "isActive after close");
        assertContent(store);
        assertCode(TX_NOT_ACTIVE, escaped::commit, "commit after close");
    }

    /** A transaction reads the snapshot of its begin: later commits and direct writes stay unseen. */
    @Test
    default void transactionReadsTheSnapshotOfItsBegin(StoreFixture fixture) {
        Store store = fixture.createStore();
        Transactional transactional = fixture.transactional(store);
        Entries.write(store, "a=old", "b=old");

        try (Transaction tx = transactional.beginTx()) {
            Entries.write(store, "a=direct", "new=direct");
            store.delete(utf8("b"));
            try (Transaction other = transactional.beginTx()) {
                Entries.write(other, "c=committed");
                other.commit();
            }

            assertValue(tx, "a", "old");
            assertValue(tx, "b", "old");
            assertAbsent(tx, "new");
            assertAbsent(tx, "c");
            assertContent(tx, "a=old", "b=old");
        }
    }

    /** A key read with get and then changed by a direct store write makes commit conflict. */
    @Test
    default void readKeyChangedByStoreWriteConflicts(StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "read=1");

        Transaction tx = fixture.transactional(store).beginTx();
        tx.get(utf8("read"));
        Entries.write(tx, "written=1");
        Entries.write(store, "read=2");

        assertConflict(tx);
        assertContent(store, "read=2");
    }

    /** A key read with get and then changed by another transaction's commit makes commit conflict. */
    @Test
    default void readKeyChangedByOtherCommitConflicts(StoreFixture fixture) {
        Store store = fixture.createStore();
        Transactional transactional = fixture.transactional(store);
        Entries.write(store, "read=1");

        Transaction tx = transactional.beginTx();
        tx.get(utf8("read"));
        Entries.write(tx, "written=1");
        try (Transaction other = transactional.beginTx()) {
            Entries.write(other, "read=2");
            other.commit();
        }

        assertConflict(tx);
    }

    /** A key probed with has counts as read. */
    @Test
    default void keyProbedWithHasConflicts(StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "probed=1");

        Transaction tx = fixture.transactional(store).beginTx();
        assertTrue(tx.has(utf8("probed")));
        Entries.write(tx, "written=1");
        store.delete(utf8("probed"));

        assertConflict(tx);
    }

    /** A missing key probed by the transaction and then inserted by someone else is a conflict. */
    @Test
    default void missingKeyProbedThenInsertedConflicts(StoreFixture fixture) {
        Store store = fixture.createStore();
        Transaction tx = fixture.transactional(store).beginTx();

        assertFalse(tx.has(utf8("probed")));
        assertAbsent(tx, "got");
        Entries.write(tx, "written=1");
        Entries.write(store, "probed=now");

        assertConflict(tx);
    }

    /** A missing key read with get and then inserted by someone else is a conflict. */
    @Test
    default void missingKeyGotThenInsertedConflicts(StoreFixture fixture) {
        Store store = fixture.createStore();
        Transaction tx = fixture.transactional(store).beginTx();

        assertCode(KEY_NOT_FOUND, () -> tx.get(utf8("got")));
        Entries.write(tx, "written=1");
        Entries.write(store, "got=now");

        assertConflict(tx);
    }

    /** Two transactions writing the same key blind: the first commit wins, the second conflicts. */
    @Test
    default void writtenKeyChangedByOtherCommitConflicts(StoreFixture fixture) {
        Store store = fixture.createStore();
        Transactional transactional = fixture.transactional(store);
        Transaction first = transactional.beginTx();
        Transaction second = transactional.beginTx();
        Entries.write(first, "key=first");
        Entries.write(second, "key=second");

        first.commit();

        assertConflict(second);
        assertContent(store, "key=first");
    }

    /** A key the transaction deleted and someone else changed is a conflict. */
    @Test
    default void deletedKeyChangedByStoreWriteConflicts(StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "key=1");
        Transaction tx = fixture.transactional(store).beginTx();
        tx.delete(utf8("key"));

        Entries.write(store, "key=2");

        assertConflict(tx);
        assertContent(store, "key=2");
    }

    /** Rewriting the value a key already had is still a change. */
    @Test
    default void writeOfTheSameValueStillConflicts(StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "key=same");
        Transaction tx = fixture.transactional(store).beginTx();
        tx.get(utf8("key"));
        Entries.write(tx, "written=1");

        Entries.write(store, "key=same");

        assertConflict(tx);
    }

    /** A transaction that iterated the store conflicts with a key inserted anywhere afterwards. */
    @Test
    default void keyInsertedIntoIteratedStoreConflicts(StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "a=1", "c=3");
        Transaction tx = fixture.transactional(store).beginTx();
        Entries.of(tx);
        Entries.write(tx, "written=1");

        Entries.write(store, "b=inserted");

        assertConflict(tx);
    }

    /** A transaction that only reads is still validated when it is read-write (serializability). */
    @Test
    default void readWriteTransactionWithoutWritesIsValidated(StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "read=1");
        Transaction tx = fixture.transactional(store).beginTx();
        tx.get(utf8("read"));

        Entries.write(store, "read=2");

        assertConflict(tx);
    }

    /** Changes to keys the transaction never read nor wrote do not make it conflict. */
    @Test
    default void changesToDisjointKeysDoNotConflict(StoreFixture fixture) {
        Store store = fixture.createStore();
        Transactional transactional = fixture.transactional(store);
        Entries.write(store, "read=1", "other=1", "gone=1");
        Transaction tx = transactional.beginTx();
        tx.get(utf8("read"));
        tx.has(utf8("missing"));
        Entries.write(tx, "written=1");

        Entries.write(store, "other=2", "inserted=2");
        store.delete(utf8("gone"));
        try (Transaction other = transactional.beginTx()) {
            Entries.write(other, "by-other-tx=3");
            other.commit();
        }

        assertDoesNotThrow(tx::commit, "commit after changes to keys the transaction did not touch");
        assertContent(store, "by-other-tx=3", "inserted=2", "other=2", "read=1", "written=1");
    }

    /** Changes made before the transaction began never conflict. */
    @Test
    default void changesBeforeBeginDoNotConflict(StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "key=1");
        Entries.write(store, "key=2");
        store.delete(utf8("key"));
        Entries.write(store, "key=3");

        try (Transaction tx = fixture.transactional(store).beginTx()) {
            assertValue(tx, "key", "3");
            Entries.write(tx, "key=4");
            assertDoesNotThrow(tx::commit);
        }
        assertContent(store, "key=4");
    }

    /** After a conflict the transaction is ended; a new one on the same keys succeeds. */
    @Test
    default void conflictEndsTheTransaction(StoreFixture fixture) {
        Store store = fixture.createStore();
        Transactional transactional = fixture.transactional(store);
        Entries.write(store, "key=1");
        Transaction tx = transactional.beginTx();
        tx.get(utf8("key"));
        Entries.write(tx, "key=from-tx");
        Entries.write(store, "key=2");

        assertConflict(tx);

        assertCode(TX_NOT_ACTIVE, tx::commit, "commit after a conflict");
        assertCode(TX_NOT_ACTIVE, tx::rollback, "rollback after a conflict");
        assertDoesNotThrow(tx::close);
        try (Transaction retry = transactional.beginTx()) {
            Entries.write(retry, "key=retried");
            retry.commit();
        }
        assertContent(store, "key=retried");
    }

    /** A read-only transaction refuses writes with {@code TX_READ_ONLY}, and commits fine. */
    @Test
    default void readOnlyTransactionRefusesWrites(StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "key=1");

        try (Transaction tx = fixture.transactional(store).beginReadOnlyTx()) {
            assertCode(TX_READ_ONLY, () -> tx.set(utf8("key"), utf8("2")), "set");
            assertCode(TX_READ_ONLY, () -> tx.delete(utf8("key")), "delete");
            assertValue(tx, "key", "1");
            assertDoesNotThrow(tx::commit);
            assertFalse(tx.isActive(), "isActive after commit");
        }
        assertContent(store, "key=1");
    }

    /** A read-only transaction reads a snapshot and never conflicts, whatever changed. */
    @Test
    default void readOnlyTransactionNeverConflicts(StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "a=1", "b=1");

        Transaction tx = fixture.transactional(store).beginReadOnlyTx();
        assertValue(tx, "a", "1");
        assertFalse(tx.has(utf8("c")));
        Entries.of(tx);
        Entries.write(store, "a=2", "c=2");
        store.delete(utf8("b"));

        assertContent(tx, "a=1", "b=1");
        assertDoesNotThrow(tx::commit, "commit of a read-only transaction");
    }

    /** After commit, data operations, commit and rollback are {@code TX_NOT_ACTIVE}; close is a no-op. */
    @ParameterizedTest
    @MethodSource("dev.skeleton.storage.testkit.TransactionalContract#transactionCalls")
    default void operationAfterCommitIsTxNotActive(ThrowingConsumer<Transaction> call, StoreFixture fixture) {
        Transaction tx = fixture.transactional(fixture.createStore()).beginTx();
        tx.commit();

        assertFalse(tx.isActive(), "isActive after commit");
        assertCode(TX_NOT_ACTIVE, () -> call.accept(tx));
        assertDoesNotThrow(tx::close, "close of a committed transaction");
    }

    /** After rollback, data operations, commit and rollback are {@code TX_NOT_ACTIVE}; close is a no-op. */
    @ParameterizedTest
    @MethodSource("dev.skeleton.storage.testkit.TransactionalContract#transactionCalls")
    default void operationAfterRollbackIsTxNotActive(ThrowingConsumer<Transaction> call, StoreFixture fixture) {
        Transaction tx = fixture.transactional(fixture.createStore()).beginTx();
        tx.rollback();

        assertFalse(tx.isActive(), "isActive after rollback");
        assertCode(TX_NOT_ACTIVE, () -> call.accept(tx));
        assertDoesNotThrow(tx::close, "close of a rolled back transaction");
    }

    /** When the store is closed, every operation of its open transactions is {@code STORE_CLOSED}. */
    @ParameterizedTest
    @MethodSource("dev.skeleton.storage.testkit.TransactionalContract#transactionCalls")
    default void operationAfterStoreCloseIsStoreClosed(ThrowingConsumer<Transaction> call, StoreFixture fixture) {
        Store store = fixture.createStore();
        Transaction tx = fixture.transactional(store).beginTx();
        Entries.write(tx, "key=1");
        store.close();

        assertCode(STORE_CLOSED, () -> call.accept(tx));
        assertDoesNotThrow(tx::close, "close of a transaction of a closed store");
    }

    /** Beginning a transaction on a closed store is {@code STORE_CLOSED}. */
    @Test
    default void beginAfterStoreCloseIsStoreClosed(StoreFixture fixture) {
        Store store = fixture.createStore();
        Transactional transactional = fixture.transactional(store);
        store.close();

        assertCode(STORE_CLOSED, transactional::beginTx, "beginTx");
        assertCode(STORE_CLOSED, transactional::beginReadOnlyTx, "beginReadOnlyTx");
    }

    /** A null key, value or visitor in a transaction is {@code INVALID_ARGUMENT}. */
    @ParameterizedTest
    @MethodSource("dev.skeleton.storage.testkit.TransactionalContract#nullArgumentCalls")
    default void nullArgumentInTransactionIsInvalidArgument(ThrowingConsumer<Transaction> call,
            StoreFixture fixture) {
        try (Transaction tx = fixture.transactional(fixture.createStore()).beginTx()) {
            assertCode(INVALID_ARGUMENT, () -> call.accept(tx));
            assertTrue(tx.isActive(), "bad input does not end the transaction");
        }
    }

    /** A transaction copies the arrays given to set, and hands out copies. */
    @Test
    default void transactionCopiesArrays(StoreFixture fixture) {
        Store store = fixture.createStore();
        byte[] key = utf8("key");
        byte[] value = utf8("value");

        try (Transaction tx = fixture.transactional(store).beginTx()) {
            tx.set(key, value);
            Arrays.fill(key, (byte) 'X');
            Arrays.fill(value, (byte) 'X');
            Arrays.fill(tx.get(utf8("key")), (byte) 'X');
            tx.iterate((k, v) -> {
                Arrays.fill(k, (byte) 'X');
                Arrays.fill(v, (byte) 'X');
                return true;
            });
            assertContent(tx, "key=value");
            tx.commit();
        }
        assertContent(store, "key=value");
    }

    /**
     * A visitor of a transaction's iteration may write the store and the transaction itself, also
     * from another thread; the running iteration sees none of it.
     */
    @Test
    default void visitorOfTransactionMayWrite(StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "a=1", "b=2");
        List<String> visited = new ArrayList<>();

        try (Transaction tx = fixture.transactional(store).beginTx()) {
            tx.iterate((key, value) -> {
                visited.add(show(key));
                tx.set(utf8("z-tx-" + show(key)), value);
                tx.delete(key);
                fixture.runOnAnotherThread("a store write during a transaction's iterate",
                        () -> store.set(utf8("z-store-" + show(key)), value));
                return true;
            });

            assertEquals(List.of("a", "b"), visited, "the iteration must not see its visitor's writes");
            assertContent(tx, "z-tx-a=1", "z-tx-b=2");
        }
        assertContent(store, "a=1", "b=2", "z-store-a=1", "z-store-b=2");
    }

    /** The iteration of a transaction stops when the visitor returns false. */
    @Test
    default void transactionIterateStopsWhenVisitorReturnsFalse(StoreFixture fixture) {
        Store store = fixture.createStore();
        Entries.write(store, "a=1", "b=2", "c=3");
        List<String> visited = new ArrayList<>();

        try (Transaction tx = fixture.transactional(store).beginReadOnlyTx()) {
            tx.iterate((key, value) -> {
                visited.add(show(key));
                return false;
            });
        }

        assertEquals(List.of("a"), visited);
    }

    private static void assertConflict(Transaction tx) {
        assertCode(TX_CONFLICT, tx::commit, "commit");
        assertFalse(tx.isActive(), "a transaction that conflicted is no longer active");
    }

    private static Stream<Named<ThrowingConsumer<Transaction>>> transactionCalls() {
        return Stream.of(
                call("get", tx -> tx.get(utf8("key"))),
                call("set", tx -> tx.set(utf8("key"), utf8("v"))),
                call("delete", tx -> tx.delete(utf8("key"))),
                call("has", tx -> tx.has(utf8("key"))),
                call("iterate", tx -> tx.iterate((k, v) -> true)),
                call("commit", Transaction::commit),
                call("rollback", Transaction::rollback));
    }

    private static Stream<Named<ThrowingConsumer<Transaction>>> nullArgumentCalls() {
        return Stream.of(
                call("get(null)", tx -> tx.get(null)),
                call("set(null, value)", tx -> tx.set(null, utf8("v"))),
                call("set(key, null)", tx -> tx.set(utf8("key"), null)),
                call("delete(null)", tx -> tx.delete(null)),
                call("has(null)", tx -> tx.has(null)),
                call("iterate(null)", tx -> tx.iterate(null)));
    }

    private static Named<ThrowingConsumer<Transaction>> call(String name, ThrowingConsumer<Transaction> call) {
        return Named.of(name, call);
    }
}
