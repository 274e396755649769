package dev.skeleton.storage.multistore.dump;

/**
 * What the header of a dump says (see {@code DUMP-FORMAT.md}). A {@link DumpReader} gives the
 * header it read and checked; a {@link DumpWriter}'s {@link DumpSummary} the header it wrote.
 * Immutable.
 *
 * @param formatVersion the format version of the dump; 1 for every dump this build reads or writes
 * @param storeName     the name of the store the dump was taken from
 * @param engine        the engine that store was on
 * @param entries       the number of entries; an unsigned 64-bit count (a dump this build reads has
 *                      checked it against its frames once {@link DumpReader#next()} returns false)
 * @param compressed    whether the body is deflate-compressed
 */
public record DumpHeader(int formatVersion, String storeName, String engine, long entries, boolean compressed) {
}
