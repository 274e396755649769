package dev.skeleton.storage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import org.junit.jupiter.api.Test;

class CommandExceptionTest {

    @Test
    void aStorageErrorKeepsItsCode() {
        StorageException cause = new StorageException(ErrorCode.IO, "cannot write /data/x");
        CommandException e = CommandException.of(cause);
        assertEquals(ErrorCode.IO, e.code());
        assertEquals("IO: cannot write /data/x", e.getMessage());
        assertSame(cause, e.failure());
        assertNull(e.getCause());
    }

    @Test
    void lineBreaksInAMessageBecomeBlanks() {
        CommandException e = CommandException.of(
                new StorageException(ErrorCode.CORRUPTED, "bad record\n  at offset 12\r\nin log 3\n"));
        assertEquals("CORRUPTED: bad record at offset 12 in log 3", e.getMessage());
    }

    @Test
    void anyOtherExceptionIsNamedByItsType() {
        IllegalStateException bug = new IllegalStateException("engine broke\nits contract");
        CommandException e = CommandException.unexpected(bug);
        assertNull(e.code());
        assertEquals("IllegalStateException: engine broke its contract", e.getMessage());
        assertEquals("store: IllegalStateException: engine broke its contract", e.toString());
        assertSame(bug, e.failure());
        assertEquals(0, e.getStackTrace().length);
    }
}
