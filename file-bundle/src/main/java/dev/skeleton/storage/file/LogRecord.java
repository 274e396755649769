package dev.skeleton.storage.file;

import java.util.List;

/**
 * What one frame of a log segment says: everything that changes a store's state after its
 * checkpoint. Each record is applied whole or not at all, which is what makes a transaction's
 * commit (one {@link Changes} record) atomic on disk. The encoding is {@link RecordCodec}'s.
 */
sealed interface LogRecord {

    /**
     * Keys set or deleted: one {@code set} or {@code delete}, or the whole write set of a commit.
     *
     * @param changes the changes, in key order for a commit
     */
    record Changes(List<Change> changes) implements LogRecord {
    }

    /**
     * A version was saved; its file {@code version-<number>} was durable before this record was
     * written.
     *
     * @param number     the version's number, now the current version and the last number
     * @param oldestKept the oldest version still kept after the save's pruning
     */
    record VersionSaved(long number, long oldestKept) implements LogRecord {
    }

    /**
     * A version was loaded: the working data became its content, through these changes.
     *
     * @param number  the loaded version, now the current version
     * @param changes what differs between the data before and the version's content
     */
    record VersionLoaded(long number, List<Change> changes) implements LogRecord {
    }
}
