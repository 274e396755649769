package dev.skeleton.storage.testkit;

import dev.skeleton.storage.Engine;
import dev.skeleton.storage.testkit.reference.BrokenEngines;

/** Proves the kit against an engine with a key length limit, declared to the kit: every test passes. */
class KeyLimitedEngineComplianceTest implements EngineCompliance {

    @Override
    public Engine engine() {
        return BrokenEngines.keyLimited();
    }

    @Override
    public int maxKeyLength() {
        return BrokenEngines.KEY_LIMIT;
    }
}
