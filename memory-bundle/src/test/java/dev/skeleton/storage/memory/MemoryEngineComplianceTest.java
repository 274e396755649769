package dev.skeleton.storage.memory;

import dev.skeleton.storage.Engine;
import dev.skeleton.storage.testkit.EngineCompliance;

/** The whole compliance kit, run against the memory engine. */
class MemoryEngineComplianceTest implements EngineCompliance {
    @Override
    public Engine engine() {
        return new MemoryEngine();
    }
}
