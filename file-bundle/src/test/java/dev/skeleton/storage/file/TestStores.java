package dev.skeleton.storage.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.function.Executable;

/** Helpers of the file engine's own tests. */
final class TestStores {

    /** Small sizes: values of 1 KiB are large, checkpoints every 4 KiB, version chains of 3. */
    static final Tuning SMALL = new Tuning(1024, 4096, 3).withCheckpointAtClose(false);

    private TestStores() {
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** A store's content as text. */
    static Map<String, String> content(Store store) {
        Map<String, String> content = new TreeMap<>();
        store.iterate((key, value) -> {
            content.put(new String(key, StandardCharsets.UTF_8), new String(value, StandardCharsets.UTF_8));
            return true;
        });
        return content;
    }

    static StorageException assertCode(ErrorCode code, Executable call) {
        StorageException e = assertThrows(StorageException.class, call);
        assertEquals(code, e.code(), e::getMessage);
        return e;
    }

    /** Collects what the engine logs while open; close it to stop. */
    static final class LogCapture extends Handler implements AutoCloseable {
        private final Logger logger = Logger.getLogger("dev.skeleton.storage.file");
        private final List<String> messages = new ArrayList<>();

        LogCapture() {
            logger.addHandler(this);
            setLevel(Level.ALL);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                messages.add(record.getMessage());
            }
        }

        synchronized List<String> warnings() {
            return new ArrayList<>(messages);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }
}
