/**
 * What every engine shares: the ordered copy-on-write tree that holds data in memory
 * ({@link dev.skeleton.storage.core.CopyOnWriteTree}), which an engine that keeps it on disk makes
 * pageable (its nodes written as pages by {@link dev.skeleton.storage.core.PageWriter}, referred to
 * by {@link dev.skeleton.storage.core.PageRef} and read back through the bounded cache of a
 * {@link dev.skeleton.storage.core.PageSource}) and the memory engine changes in place where no
 * snapshot can see it ({@link dev.skeleton.storage.core.EditToken}), the content hash of saved versions
 * ({@link dev.skeleton.storage.core.ContentHash}) kept by
 * {@link dev.skeleton.storage.core.VersionHistory}, the serializable transaction
 * ({@link dev.skeleton.storage.core.OptimisticTransaction}, validated by
 * {@link dev.skeleton.storage.core.CommitLog}) and the way keys appear in error messages
 * ({@link dev.skeleton.storage.core.Keys}). The value type is the engine's: the memory engine
 * stores byte arrays, the file engine references to values it keeps on disk.
 *
 * <p>An internal library, not an API: each engine bundle embeds this package privately (bnd
 * {@code -conditionalpackage}) and no bundle exports it, so engines share source, never runtime
 * wiring. The types are public only because the engines live in other packages. Everything that
 * is not named above is package-private and may change freely.
 */
package dev.skeleton.storage.core;
