package dev.skeleton.storage.postgres;

import dev.skeleton.storage.Engine;
import dev.skeleton.storage.testkit.EngineCompliance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** The whole compliance kit against a real PostgreSQL server, each test in a fresh schema. */
class PostgresEngineComplianceTest implements EngineCompliance {

    private TestDatabase database;

    @BeforeEach
    void freshSchema() {
        TestDatabase.server();
        database = new TestDatabase();
    }

    @AfterEach
    void closeEngines() {
        database.close();
    }

    @Override
    public Engine engine() {
        return database.engine();
    }

    @Override
    public int maxKeyLength() {
        return PostgresStore.MAX_KEY_LENGTH;
    }
}
