package dev.skeleton.storage.testkit;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The one thing an engine author supplies to the compliance kit: a fresh engine. Every contract
 * interface of the kit extends this one.
 *
 * <p>The kit calls {@link #engine()} at least once per test and may call it again for a second
 * instance (to reopen a persistent store from a new engine, as a new process would). Per-test state
 * &mdash; a temporary directory for store paths, the stores a test opened &mdash; lives in a
 * {@link StoreFixture} that {@link StoreFixtureExtension} gives each test as a parameter and cleans
 * up afterwards.
 */
@ExtendWith(StoreFixtureExtension.class)
public interface EngineFixture {

    /**
     * A new instance of the engine under test.
     *
     * @return a fresh engine, never null
     */
    Engine engine();

    /**
     * Configuration laid under every configuration the kit creates stores with; the kit's own keys
     * win. Override it to run the kit against a non-default setting of the engine (a sync mode, a
     * compression flag). Keys must be ones the engine knows.
     *
     * @return the base configuration; empty by default
     */
    default Config baseConfig() {
        return Config.empty();
    }

    /**
     * The longest key the engine stores, when it has a limit: an engine on a database may be bound
     * by its index (PostgreSQL's B-tree takes about 2.7 KB per entry). The kit then stores keys up
     * to this length and checks that a longer one is {@code INVALID_ARGUMENT}, changing nothing.
     *
     * @return the limit in bytes; {@link Integer#MAX_VALUE} (the default) for none
     */
    default int maxKeyLength() {
        return Integer.MAX_VALUE;
    }
}
