package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class OneLineLogFormatterTest {

    private static final String EOL = System.lineSeparator();

    private static LogRecord record(Level level, String logger, String message, Throwable thrown) {
        LogRecord record = new LogRecord(level, message);
        record.setLoggerName(logger);
        record.setThrown(thrown);
        return record;
    }

    @Test
    void aRecordWithAnExceptionIsOneLineNamingTheRootCause() {
        RuntimeException thrown = new RuntimeException(new IllegalArgumentException("Key [] must not be an empty string"));

        String line = new OneLineLogFormatter(false).format(
                record(Level.SEVERE, "fileinstall", "Failed to install artifact: /w/etc/x.cfg", thrown));

        assertEquals("error: fileinstall: Failed to install artifact: /w/etc/x.cfg"
                + " (cause: Key [] must not be an empty string)" + EOL, line);
    }

    @Test
    void withDebugTheStackTraceFollows() {
        String text = new OneLineLogFormatter(true).format(
                record(Level.WARNING, "a.b.C", "careful", new IllegalStateException("why")));

        assertTrue(text.startsWith("warning: C: careful (cause: why)" + EOL + "java.lang.IllegalStateException: why"), text);
        assertTrue(text.contains("\tat "), text);
    }

    @Test
    void parametersAreFilledInAndLineBreaksJoined() {
        LogRecord record = record(Level.INFO, "com.zaxxer.hikari.pool.HikariPool", "pool {0} started\nwith {1}", null);
        record.setParameters(new Object[] {"p1", 3});

        assertEquals("info: HikariPool: pool p1 started / with 3" + EOL, new OneLineLogFormatter(false).format(record));
    }

    @Test
    void aCauseWithoutMessageIsNamedByItsClassAndALoopingChainEnds() {
        Exception outer = new Exception("outer");
        Exception inner = new Exception((String) null) {
            @Override
            public synchronized Throwable getCause() {
                return outer;
            }
        };
        outer.initCause(inner);

        String line = new OneLineLogFormatter(false).format(record(Level.SEVERE, "x", "m", new NullPointerException()));
        assertEquals("error: x: m (cause: java.lang.NullPointerException)" + EOL, line);
        assertTrue(new OneLineLogFormatter(false).format(record(Level.SEVERE, "x", "m", outer)).startsWith("error: x: m (cause: "));
    }

    @ParameterizedTest
    @CsvSource({"SEVERE,error", "WARNING,warning", "INFO,info", "CONFIG,config", "FINE,debug", "FINEST,debug"})
    void levelsAreNamedInLowerCase(String level, String name) {
        assertEquals(name + ": x: m" + EOL, new OneLineLogFormatter(false).format(record(Level.parse(level), "x", "m", null)));
    }

    @Test
    void withoutALoggerNameTheClassSpeaks() {
        LogRecord record = record(Level.WARNING, null, "m", null);
        assertEquals("warning: java: m" + EOL, new OneLineLogFormatter(false).format(record));
        record.setSourceClassName("org.example.Thing");
        assertEquals("warning: Thing: m" + EOL, new OneLineLogFormatter(false).format(record));
    }
}
