package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UnknownKeyEchoTest {

    private static final String COMPONENT = "dev.skeleton.storage.multistore.osgi.MultiStoreComponent";

    private final Logger root = Logger.getLogger("");
    private final List<String> published = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                published.add(record.getMessage());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void addHandler() {
        root.addHandler(handler);
    }

    @AfterEach
    void removeHandler() {
        root.removeHandler(handler);
    }

    private static void log(String logger, String message) {
        Logger.getLogger(logger).log(Level.WARNING, message);
    }

    @Test
    void whileInstalledOnlyTheMultistoresReportOfUnknownKeysIsDropped() {
        handler.setFilter(record -> !record.getMessage().startsWith("secret"));

        try (UnknownKeyEcho echo = UnknownKeyEcho.install()) {
            log(COMPONENT, "multistore configuration: unknown key root.pth (known: root.path, default.engine)");
            log(COMPONENT, "multistore at /w/data stopping: stores of non-persistent engines ended: s");
            log("org.example.Other", "unknown key x in something else");
            log("org.example.Other", "secret, dropped by the handler's own filter");
        }
        log(COMPONENT, "multistore configuration: unknown key default.engne (known: root.path, default.engine)");
        log("org.example.Other", "secret again");

        assertEquals(List.of("multistore at /w/data stopping: stores of non-persistent engines ended: s",
                "unknown key x in something else",
                "multistore configuration: unknown key default.engne (known: root.path, default.engine)"), published);
    }
}
