package dev.skeleton.storage.postgres;

import dev.skeleton.storage.Engine;
import dev.skeleton.storage.postgres.testserver.ReplicatedTestServers;
import dev.skeleton.storage.testkit.EngineCompliance;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The whole compliance kit against a primary with a synchronous standby, the engine reading from the
 * standby ({@code read_from=standby}) and committing with {@code synchronous_commit=remote_apply},
 * so that a read on the standby sees every write acknowledged before it: the contract holds on the
 * pair as on one server. Each test in a fresh schema; the engines of one test (the kit makes a second
 * one as a second process would) share it.
 */
class StandbyComplianceTest implements EngineCompliance {

    private final List<PostgresEngine> engines = new ArrayList<>();
    private ReplicatedTestServers pair;
    private String schema;

    @BeforeEach
    void freshSchema() {
        pair = TestPair.shared();
        schema = TestPair.freshSchema();
    }

    @AfterEach
    synchronized void closeEngines() {
        engines.forEach(PostgresEngine::close);
        engines.clear();
    }

    @Override
    public synchronized Engine engine() {
        PostgresEngine engine = PostgresEngine.connect(TestPair.settings(pair, schema)
                .withReadFrom(ReadFrom.STANDBY).withSynchronousCommit("remote_apply"));
        engines.add(engine);
        return engine;
    }

    @Override
    public int maxKeyLength() {
        return PostgresStore.MAX_KEY_LENGTH;
    }
}
