package dev.skeleton.storage;

/**
 * How {@link MultiStore#exportStore} writes a dump. Start from {@link #defaults()} and change what
 * you need: {@code ExportOptions.defaults().fromVersion(3).compressed(true)}.
 *
 * <p>Added in version 1.1 of this package.
 *
 * @param version  the saved version to export; 0 exports the working data as of a read-only
 *                 transaction begun when the export starts
 * @param compress whether the entries are written deflate-compressed
 * @param listener receives progress; never null ({@link TransferListener#NONE} for none)
 */
public record ExportOptions(long version, boolean compress, TransferListener listener) {

    /**
     * Validates.
     *
     * @throws StorageException {@link ErrorCode#INVALID_ARGUMENT} if the version is negative or
     *         the listener null
     */
    public ExportOptions {
        if (version < 0) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "export version must be 0 (working data) or a saved version, was " + version);
        }
        if (listener == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "export listener must not be null; use TransferListener.NONE");
        }
    }

    /**
     * The working data, uncompressed, without progress.
     *
     * @return the default options
     */
    public static ExportOptions defaults() {
        return new ExportOptions(0, false, TransferListener.NONE);
    }

    /**
     * These options, exporting a saved version.
     *
     * @param savedVersion the version; 0 for the working data
     * @return the new options
     */
    public ExportOptions fromVersion(long savedVersion) {
        return new ExportOptions(savedVersion, compress, listener);
    }

    /**
     * These options, with or without compression.
     *
     * @param compressed whether to compress
     * @return the new options
     */
    public ExportOptions compressed(boolean compressed) {
        return new ExportOptions(version, compressed, listener);
    }

    /**
     * These options, reporting progress.
     *
     * @param progress the listener
     * @return the new options
     */
    public ExportOptions reporting(TransferListener progress) {
        return new ExportOptions(version, compress, progress);
    }
}
