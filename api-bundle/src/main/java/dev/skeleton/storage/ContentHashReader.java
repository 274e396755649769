package dev.skeleton.storage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Telling the content hash of what a read-only transaction sees without reading it: the capability
 * that lets a backup write the hash its dump carries, and a restore check the store it made, at the
 * cost of what changed since the engine last hashed its data instead of 17 SHA-256 blocks for every
 * entry. The hash is the one of {@link VersionInfo}, whose definition is made for engines that keep
 * it up to date as their data changes; an engine that does implements this interface on its
 * read-only transactions, those of {@link Transactional#beginReadOnlyTx()} and of
 * {@link VersionReader#readVersion(long)} (and the multistore's handles pass it on from the
 * engine's transactions). Read-write transactions do not implement it: what they see includes
 * writes not yet committed. A third-party engine may leave it out; a caller that finds a
 * transaction without it ({@code instanceof}) computes the hash by reading every entry, as
 * {@code store:export} and {@code store:import} then do.
 *
 * <h2>Why this name</h2>
 * Like {@link VersionReader}, it reads something the engine keeps, here the content hash, rather
 * than computing one from entries the caller supplies: a "hasher" would suggest the latter. It is
 * named for the content hash of {@link VersionInfo} so that no one takes it for a checksum of the
 * engine's files or for {@link Object#hashCode()}.
 *
 * <p>Added in version 1.1 of this package.
 */
@ConsumerType
public interface ContentHashReader {

    /**
     * The content hash, exactly as {@link VersionInfo} defines it, of what this transaction sees:
     * the snapshot it began on, whatever writes, saves and loads the store made since. It equals the
     * hash of the entries that this transaction's {@link Store#iterate} visits, and the hash of
     * every version saved with the same content; for a transaction of
     * {@link VersionReader#readVersion(long)} it is the hash the version was saved with. It reads
     * nothing for the transaction and changes nothing. It may take time in proportion to what
     * differs between the snapshot and the data the engine last hashed, but it does not hold back
     * the store's writers for that time.
     *
     * @return a new 32-byte array, which the caller owns
     * @throws StorageException {@link ErrorCode#STORE_CLOSED} after the store was closed (also when
     *         it closes while the hash is being computed); {@link ErrorCode#TX_NOT_ACTIVE} after the
     *         transaction was committed, rolled back or closed
     */
    byte[] contentHash();
}
