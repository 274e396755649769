package dev.skeleton.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class StorageExceptionTest {

    @Test
    void carriesCodeMessageAndCause() {
        IOException io = new IOException("disk");
        StorageException e = new StorageException(ErrorCode.IO, "write of /tmp/x failed", io);
        assertEquals(ErrorCode.IO, e.code());
        assertEquals("write of /tmp/x failed", e.getMessage());
        assertSame(io, e.getCause());
        assertEquals("dev.skeleton.storage.StorageException: [IO] write of /tmp/x failed", e.toString());
    }

    @Test
    void keyNotFoundIsCheapOthersKeepTheirStack() {
        assertEquals(0, new StorageException(ErrorCode.KEY_NOT_FOUND, "k").getStackTrace().length);
        assertTrue(new StorageException(ErrorCode.STORE_CLOSED, "s").getStackTrace().length > 0);
    }

    @Test
    void nullCodeIsRefused() {
        assertThrows(NullPointerException.class, () -> new StorageException(null, "m"));
    }

    @Test
    void isWalksTheCauseChain() {
        StorageException inner = new StorageException(ErrorCode.TX_CONFLICT, "conflict");
        RuntimeException wrapped = new UncheckedIOException(new IOException(inner));
        assertTrue(StorageException.is(wrapped, ErrorCode.TX_CONFLICT));
        assertFalse(StorageException.is(wrapped, ErrorCode.IO));
        assertFalse(StorageException.is(null, ErrorCode.IO));
        assertTrue(StorageException.is(inner, ErrorCode.TX_CONFLICT));
    }

    @Test
    void isSurvivesCauseCycles() {
        RuntimeException a = new RuntimeException("a");
        RuntimeException b = new RuntimeException("b", a);
        a.initCause(b);
        assertFalse(StorageException.is(a, ErrorCode.IO));
    }
}
