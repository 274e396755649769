package dev.skeleton.storage.file;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Replays the log segments of a store from a checkpoint's on, for both formats' recovery. At the
 * first frame that is torn, fails its checksum or does not decode, replay stops: the segment is cut
 * there and later segments are removed, each reported with what was dropped. Only a prefix of the
 * log is ever applied, so a store opens in a state it really was in.
 */
final class LogReplay {

    /**
     * Where the log goes on after the replay.
     *
     * @param segment  the segment to append to
     * @param validEnd where its good part ends (0: it needs a new header)
     */
    record Tail(long segment, long validEnd) {
    }

    private LogReplay() {
    }

    /**
     * Replays the segments from {@code start} on.
     *
     * @param files     the store's files
     * @param storeName its name, for messages
     * @param logger    where what is dropped is reported
     * @param start     the first segment
     * @param apply     receives each good record, in order
     * @return where the log goes on
     * @throws IOException if a segment cannot be read, cut or deleted
     */
    static Tail replay(StoreFiles files, String storeName, System.Logger logger, long start,
            Consumer<LogRecord> apply) throws IOException {
        TreeSet<Long> segments = files.numbers(StoreFiles.LOG);
        long segment = start;
        long validEnd = 0;
        for (long next = start; segments.contains(next); next++) {
            Path path = files.numbered(StoreFiles.LOG, next);
            LogScanner.Result result = LogScanner.scan(path, next, apply);
            segment = next;
            validEnd = result.validEnd();
            if (result.damage() != null) {
                cutTornTail(storeName, logger, path, result);
                break;
            }
        }
        for (long later : segments.tailSet(segment, false)) {
            Path path = files.numbered(StoreFiles.LOG, later);
            logger.log(Level.WARNING, "store " + storeName + ": dropped log segment " + path.getFileName() + " ("
                    + Files.size(path) + " bytes): it follows a damaged or missing part of the log");
            StoreFiles.delete(path);
        }
        return new Tail(segment, validEnd);
    }

    private static void cutTornTail(String storeName, System.Logger logger, Path path, LogScanner.Result result)
            throws IOException {
        long size = Files.size(path);
        logger.log(Level.WARNING, "store " + storeName + ": " + result.damage().getMessage() + "; replayed "
                + result.records() + " records of " + path.getFileName() + " and dropped the "
                + (size - result.validEnd()) + " bytes from offset " + result.validEnd() + " on");
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.WRITE)) {
            channel.truncate(result.validEnd());
            channel.force(true);
        }
    }
}
