/**
 * The Skeleton Storage API: a key-value {@link dev.skeleton.storage.Store}, its optional
 * capabilities ({@link dev.skeleton.storage.Transactional}, {@link dev.skeleton.storage.Versioned},
 * {@link dev.skeleton.storage.RangeQueryable}), the {@link dev.skeleton.storage.Engine} that makes
 * stores, the {@link dev.skeleton.storage.MultiStore} that manages named stores over engines, and
 * the error and event types they share.
 *
 * <h2>Rules every implementation keeps</h2>
 * <ul>
 *   <li><b>Copies.</b> Every byte array is copied on the way in and on the way out: a caller can
 *       never change stored data through an array it passed or received.</li>
 *   <li><b>Order.</b> Keys are ordered by unsigned lexicographic byte order
 *       ({@link java.util.Arrays#compareUnsigned(byte[], byte[])}) in every engine.</li>
 *   <li><b>Errors.</b> Every failure is a {@link dev.skeleton.storage.StorageException} whose
 *       {@link dev.skeleton.storage.StorageException#code() code()} says what happened. Bad input
 *       (a null key, value or visitor, an invalid store name) is
 *       {@link dev.skeleton.storage.ErrorCode#INVALID_ARGUMENT}, never a
 *       {@link java.lang.NullPointerException}.</li>
 *   <li><b>Threads.</b> Every method of a store and of a transaction may be called from any number
 *       of threads at once.</li>
 * </ul>
 *
 * <h2>Versioning of this package</h2>
 * The package is semantically versioned and baselined against the last release. Interfaces that
 * engine authors implement ({@code Store}, {@code Transactional}, {@code Transaction},
 * {@code Versioned}, {@code RangeQueryable}, {@code Engine}) and callbacks that users implement
 * ({@code KeyValueVisitor}, {@code StorageEventListener}) are {@code @ConsumerType}: adding a method
 * to them breaks every third-party implementation, so it takes a major version. So are the optional
 * capabilities added since ({@code VersionReader}, {@code ContentHashReader}, {@code MetricsSource}), which no engine has
 * to implement: adding such an interface is a minor version. {@code MultiStore} is implemented by
 * this project alone and is {@code @ProviderType}: adding a method to it is a minor version.
 *
 * <h2>1.1</h2>
 * Backups, copies and moves: {@code MultiStore.exportStore}, {@code importStore},
 * {@code verifyDump}, {@code copyStore}, {@code moveStore}, with {@link dev.skeleton.storage.ExportOptions},
 * {@link dev.skeleton.storage.ImportOptions}, {@link dev.skeleton.storage.TransferListener},
 * {@link dev.skeleton.storage.TransferProgress} and {@link dev.skeleton.storage.TransferReport};
 * the optional {@link dev.skeleton.storage.VersionReader} capability; five new event types; the
 * optional {@link dev.skeleton.storage.ContentHashReader} capability of read-only transactions,
 * through which a transfer takes the content hash from the engine instead of hashing every entry.
 * Metrics: {@code MultiStore.storeStats} with {@link dev.skeleton.storage.StoreStats} and
 * {@link dev.skeleton.storage.LatencyPercentiles}, and the optional
 * {@link dev.skeleton.storage.MetricsSource} capability through which engines report their own.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package dev.skeleton.storage;
