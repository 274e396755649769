package dev.skeleton.storage.testkit;

/**
 * The whole compliance suite of Skeleton Storage: every rule of the API contract that an engine
 * must keep, as JUnit 5 tests. An engine &mdash; ours or a third party's &mdash; passes when its
 * compliance test passes.
 *
 * <h2>Usage</h2>
 * Add the kit with test scope, next to the JUnit Jupiter engine:
 * <pre>{@code
 * <dependency>
 *   <groupId>dev.skeleton.storage</groupId>
 *   <artifactId>testkit</artifactId>
 *   <version>1.0.0-SNAPSHOT</version>
 *   <scope>test</scope>
 * </dependency>
 * }</pre>
 * and write one test class that supplies a fresh engine:
 * <pre>{@code
 * class MyEngineComplianceTest implements EngineCompliance {
 *     @Override public Engine engine() { return new MyEngine(); }
 * }
 * }</pre>
 * Optionally override {@link EngineFixture#baseConfig()} to run the suite under a non-default
 * configuration (the kit's own keys are laid on top of it).
 *
 * <h2>What runs</h2>
 * {@link StoreContract} and {@link EngineContract} always; {@link TransactionalContract},
 * {@link VersionedContract} and {@link RangeQueryableContract} when the engine declares the
 * capability (otherwise they are reported as skipped); the persistence tests of
 * {@link EngineContract} when the engine declares persistence; {@link ConcurrencyContract}'s stress
 * tests for each capability present. An engine may implement a single contract interface instead of
 * this one to run a part of the suite. {@link VersionedContract} (with
 * {@link VersionRetentionContract}, which it extends) runs its rules under {@code max_versions} 1,
 * 2 and unlimited ({@link Retention}), set in the configuration each store is created with. It
 * extends {@link VersionReaderContract} too, whose tests run when the engine's stores implement
 * the optional {@link dev.skeleton.storage.VersionReader} and are reported as skipped otherwise;
 * {@link TransactionalContract} extends {@link ContentHashReaderContract} likewise, for read-only
 * transactions that implement the optional {@link dev.skeleton.storage.ContentHashReader}.
 *
 * <h2>Settings</h2>
 * JUnit configuration parameters or system properties: {@value StoreFixtureExtension#STRESS_MILLIS}
 * (duration of each stress test, default 1000 ms) and {@value StoreFixtureExtension#TIMEOUT_SECONDS}
 * (time limit of each test on top of three stress durations, default 60 s). Stores are created in a
 * fresh temporary directory per test, closed and deleted after it.
 */
public interface EngineCompliance extends StoreContract, TransactionalContract, VersionedContract,
        RangeQueryableContract, EngineContract, ConcurrencyContract {
}
