/**
 * The compliance kit of Skeleton Storage: the API contract as JUnit 5 test interfaces that every
 * storage engine runs.
 *
 * <p>An engine author writes one test class that implements {@link
 * dev.skeleton.storage.testkit.EngineCompliance} and supplies a fresh engine; the kit contributes
 * every test of the contract. The capability suites ({@link
 * dev.skeleton.storage.testkit.TransactionalContract}, {@link
 * dev.skeleton.storage.testkit.VersionedContract}, {@link
 * dev.skeleton.storage.testkit.RangeQueryableContract}) skip themselves for engines without the
 * capability, {@link dev.skeleton.storage.testkit.VersionReaderContract} for stores that do not
 * implement the optional {@link dev.skeleton.storage.VersionReader}, and {@link
 * dev.skeleton.storage.testkit.ContentHashReaderContract} for read-only transactions that do not
 * implement the optional {@link dev.skeleton.storage.ContentHashReader}. The helpers ({@link dev.skeleton.storage.testkit.StorageAssertions}, {@link
 * dev.skeleton.storage.testkit.Bytes}, {@link dev.skeleton.storage.testkit.Entries}, {@link
 * dev.skeleton.storage.testkit.ContentHashReference}, {@link
 * dev.skeleton.storage.testkit.StressRun}) are public so that engine authors can reuse them in
 * engine-specific tests.
 */
package dev.skeleton.storage.testkit;
