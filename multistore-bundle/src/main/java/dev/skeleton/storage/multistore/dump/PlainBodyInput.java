package dev.skeleton.storage.multistore.dump;

import java.io.IOException;
import java.io.InputStream;

/**
 * The body of an uncompressed dump: the stored bytes are the logical ones, read straight from the
 * (buffered) file. Not thread-safe.
 */
final class PlainBodyInput extends BodyInput {

    PlainBodyInput(InputStream file, DumpErrors errors) {
        super(file, errors);
    }

    @Override
    protected int readLogical(byte[] target, int offset, int length) throws IOException {
        int read = file.read(target, offset, length);
        if (read > 0) {
            storedCrc.update(target, offset, read);
        }
        return read;
    }

    /** The logical body is whatever came before: next are the checksum and the end of the file. */
    @Override
    void finish() throws IOException {
        checkStoredEnd(new byte[0], 0, 0);
    }

    @Override
    void release() {
        // Nothing but the file, which the reader closes.
    }
}
