package dev.skeleton.storage.multistore.dump;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A whole dump, as written by {@link DumpWriter#finish()} or read to its end and checked by a
 * {@link DumpReader}. Immutable: the hash is copied on the way in and out.
 *
 * @param header  the header, with the final entry count
 * @param entries the entries in the dump
 * @param bytes   the bytes of their keys and values
 * @param hash    the content hash of the entries (engine-core's {@code ContentHash}, the hash of
 *                {@code dev.skeleton.storage.VersionInfo}): 32 bytes
 */
public record DumpSummary(DumpHeader header, long entries, long bytes, byte[] hash) {

    /** Copies the hash. */
    public DumpSummary {
        hash = hash.clone();
    }

    /**
     * The content hash.
     *
     * @return a copy of the 32 bytes
     */
    @Override
    public byte[] hash() {
        return hash.clone();
    }

    /**
     * The content hash in lower-case hex.
     *
     * @return 64 hex digits
     */
    public String hashHex() {
        return HexFormat.of().formatHex(hash);
    }

    /** Equal when every component is, the hash by content. */
    @Override
    public boolean equals(Object other) {
        return other instanceof DumpSummary that && header.equals(that.header) && entries == that.entries
                && bytes == that.bytes && Arrays.equals(hash, that.hash);
    }

    @Override
    public int hashCode() {
        return (header.hashCode() * 31 + Long.hashCode(entries)) * 31 + Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "DumpSummary[header=" + header + ", entries=" + entries + ", bytes=" + bytes + ", hash=" + hashHex()
                + "]";
    }
}
