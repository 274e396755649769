package dev.skeleton.storage.multistore.dump;

import dev.skeleton.storage.core.ContentHash;
import java.util.Map;

/** Dumps whose every checksum holds but whose trailer claims a wrong hash, for tests outside this package. */
public final class TamperedDumps {

    private TamperedDumps() {
    }

    /**
     * A one-entry dump of {@code key = value} whose trailer gives the hash of {@code key = claimed}.
     *
     * @return the bytes of the dump file
     */
    public static byte[] withWrongHash(byte[] key, byte[] value, byte[] claimed) {
        byte[] otherHash = ContentHash.of(Map.of(key, claimed).entrySet());
        return RawDump.concat(RawDump.header(1, 0, "s", "e", 1),
                RawDump.body(false, RawDump.concat(RawDump.frame(key, value), RawDump.endFrame(),
                        RawDump.trailer(1, otherHash))));
    }
}
