package dev.skeleton.storage.core;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Randomized model test: long random sequences of operations run against the tree and against a
 * {@link java.util.TreeMap}, which must agree at every step (see {@link TreeModelRun}).
 *
 * <p>Keys are drawn from a small alphabet that holds the boundary bytes 0x00, 0x7f, 0x80 and 0xff,
 * with lengths 0 to 12, so that equal keys, keys that are prefixes of others and keys that share
 * their first 8 bytes (a tie of the prefix search) are all frequent. Narrow node widths give deep
 * trees out of a few hundred entries, so that splits and merges happen at every level.
 *
 * <p>Every run is reproducible from its seed. A failing sequence is shrunk by deleting chunks of
 * operations for as long as the failure persists, and the failure message gives the seed and the
 * shortest sequence found.
 */
class CopyOnWriteTreeModelTest {

    private static final byte[] ALPHABET = {0x00, 0x01, 0x7f, (byte) 0x80, (byte) 0xff, 'a'};
    private static final int MAX_KEY_LENGTH = 12;
    private static final int OPERATIONS = 5_000;
    private static final int SNAPSHOT_SLOTS = 4;

    @ParameterizedTest(name = "seed {0}, leaves of {1}, inner nodes of {2}")
    @CsvSource({
        "1, 3, 3", "2, 3, 3", "3, 4, 4", "4, 4, 5", "5, 5, 4", "6, 6, 6", "7, 8, 3", "8, 3, 8",
        "9, 16, 16", "10, 64, 64", "11, 64, 64", "12, 4, 4", "13, 5, 7", "14, 7, 5", "15, 12, 12",
        "16, 9, 4", "17, 4, 9", "18, 3, 3"
    })
    void treeAgreesWithTreeMap(long seed, int maxLeafSlots, int maxInnerSlots) {
        check(seed, maxLeafSlots, maxInnerSlots, false);
    }

    /**
     * The same sequences with puts and removes that change in place the nodes they made before,
     * under a token every snapshot retires: snapshots, their diffs and cursors held open on them
     * must never see a later write.
     */
    @ParameterizedTest(name = "in place: seed {0}, leaves of {1}, inner nodes of {2}")
    @CsvSource({
        "101, 3, 3", "102, 3, 3", "103, 4, 4", "104, 4, 5", "105, 5, 4", "106, 6, 6", "107, 8, 3",
        "108, 3, 8", "109, 16, 16", "110, 64, 64", "111, 64, 64", "112, 4, 4", "113, 5, 7", "114, 3, 3"
    })
    void treeEditedInPlaceAgreesWithTreeMap(long seed, int maxLeafSlots, int maxInnerSlots) {
        check(seed, maxLeafSlots, maxInnerSlots, true);
    }

    private static void check(long seed, int maxLeafSlots, int maxInnerSlots, boolean inPlace) {
        List<TreeOperation> operations = new OperationGenerator(seed).generate(OPERATIONS);
        AssertionError failure = failureOf(operations, maxLeafSlots, maxInnerSlots, inPlace);
        if (failure == null) {
            return;
        }
        List<TreeOperation> shortest = shrink(operations, maxLeafSlots, maxInnerSlots, inPlace);
        AssertionError shortestFailure = failureOf(shortest, maxLeafSlots, maxInnerSlots, inPlace);
        fail("seed " + seed + " (leaves of " + maxLeafSlots + ", inner nodes of " + maxInnerSlots
                + (inPlace ? ", in place" : "") + ") fails; shrunk from " + operations.size() + " to " + shortest.size()
                + " operations:\n  " + shortest.stream().map(Object::toString)
                        .collect(Collectors.joining("\n  "))
                + "\nfailure: " + shortestFailure.getMessage(), shortestFailure);
    }

    /** The failure of running the operations on a fresh tree, or null if they pass. */
    private static AssertionError failureOf(List<TreeOperation> operations, int maxLeafSlots,
            int maxInnerSlots, boolean inPlace) {
        try {
            new TreeModelRun(maxLeafSlots, maxInnerSlots, inPlace).runAll(operations);
            return null;
        } catch (AssertionError e) {
            return e;
        } catch (RuntimeException e) {
            return new AssertionError("unexpected " + e, e);
        }
    }

    /**
     * Deletes chunks of operations, halving the chunk size whenever no chunk of the current size
     * can go, and keeps every deletion after which the sequence still fails.
     */
    static List<TreeOperation> shrink(List<TreeOperation> failing, int maxLeafSlots, int maxInnerSlots,
            boolean inPlace) {
        List<TreeOperation> current = failing;
        int chunk = Math.max(1, current.size() / 2);
        while (true) {
            boolean deletedAny = false;
            int start = 0;
            while (start < current.size()) {
                List<TreeOperation> candidate = without(current, start, chunk);
                if (failureOf(candidate, maxLeafSlots, maxInnerSlots, inPlace) != null) {
                    current = candidate;
                    deletedAny = true;
                } else {
                    start += chunk;
                }
            }
            if (chunk == 1 && !deletedAny) {
                return current;
            }
            if (!deletedAny) {
                chunk = Math.max(1, chunk / 2);
            }
        }
    }

    private static List<TreeOperation> without(List<TreeOperation> operations, int start, int length) {
        List<TreeOperation> rest = new ArrayList<>(operations.subList(0, start));
        rest.addAll(operations.subList(Math.min(operations.size(), start + length), operations.size()));
        return rest;
    }

    /** Draws operations from a seeded random source, reusing keys and values often. */
    static final class OperationGenerator {

        private final Random random;
        private final List<byte[]> usedKeys = new ArrayList<>();
        private final List<byte[]> usedValues = new ArrayList<>();
        private int valueSerial;

        OperationGenerator(long seed) {
            this.random = new Random(seed);
        }

        List<TreeOperation> generate(int count) {
            List<TreeOperation> operations = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                operations.add(nextOperation());
            }
            return operations;
        }

        private TreeOperation nextOperation() {
            int roll = random.nextInt(100);
            if (roll < 35) {
                return new TreeOperation.Put(key(), value());
            }
            if (roll < 55) {
                return new TreeOperation.Remove(key());
            }
            if (roll < 67) {
                return new TreeOperation.Lookup(key());
            }
            if (roll < 79) {
                return new TreeOperation.Scan(bound(), bound(), random.nextBoolean());
            }
            if (roll < 84) {
                return new TreeOperation.TakeSnapshot(random.nextInt(SNAPSHOT_SLOTS));
            }
            if (roll < 88) {
                return new TreeOperation.CheckSnapshot(random.nextInt(SNAPSHOT_SLOTS));
            }
            if (roll < 94) {
                return new TreeOperation.DiffSnapshot(random.nextInt(SNAPSHOT_SLOTS));
            }
            return new TreeOperation.EditBatch(batch());
        }

        private List<TreeOperation> batch() {
            return random.nextInt(5) == 0 ? rangeClearingBatch() : randomBatch();
        }

        /** Removes every key used so far within a random range: whole subtrees empty at once. */
        private List<TreeOperation> rangeClearingBatch() {
            byte[] low = randomKey();
            byte[] high = randomKey();
            if (Arrays.compareUnsigned(low, high) > 0) {
                byte[] swap = low;
                low = high;
                high = swap;
            }
            List<TreeOperation> changes = new ArrayList<>();
            for (byte[] key : usedKeys) {
                if (Arrays.compareUnsigned(key, low) >= 0 && Arrays.compareUnsigned(key, high) < 0) {
                    changes.add(new TreeOperation.Remove(key));
                }
            }
            if (random.nextBoolean()) {
                changes.add(new TreeOperation.Put(key(), value()));
            }
            return changes;
        }

        private List<TreeOperation> randomBatch() {
            int size = random.nextInt(random.nextBoolean() ? 8 : 120);
            List<TreeOperation> changes = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                boolean put = random.nextInt(100) < 60;
                changes.add(put ? new TreeOperation.Put(key(), value()) : new TreeOperation.Remove(key()));
            }
            return changes;
        }

        /** An old key half of the time (so removes and lookups hit), a new one otherwise. */
        private byte[] key() {
            if (!usedKeys.isEmpty() && random.nextBoolean()) {
                return usedKeys.get(random.nextInt(usedKeys.size()));
            }
            byte[] key = randomKey();
            usedKeys.add(key);
            return key;
        }

        private byte[] randomKey() {
            byte[] key = new byte[random.nextInt(MAX_KEY_LENGTH + 1)];
            for (int i = 0; i < key.length; i++) {
                key[i] = ALPHABET[random.nextInt(ALPHABET.length)];
            }
            return key;
        }

        /** A bound for a scan: null, empty, a used key or a random one. */
        private byte[] bound() {
            int roll = random.nextInt(10);
            if (roll == 0) {
                return null;
            }
            if (roll == 1) {
                return new byte[0];
            }
            return roll < 6 && !usedKeys.isEmpty() ? usedKeys.get(random.nextInt(usedKeys.size()))
                    : randomKey();
        }

        /** A fresh value (unique content), or one used before, to store the same reference again. */
        private byte[] value() {
            if (!usedValues.isEmpty() && random.nextInt(4) == 0) {
                return usedValues.get(random.nextInt(usedValues.size()));
            }
            byte[] value = ("v" + valueSerial++).getBytes(StandardCharsets.US_ASCII);
            usedValues.add(value);
            return value;
        }
    }
}
