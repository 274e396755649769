package dev.skeleton.storage.testkit;

import dev.skeleton.storage.Engine;
import dev.skeleton.storage.testkit.reference.ReferenceEngine;

/** Proves the kit against the in-memory reference engine: every test must pass. */
class ReferenceEngineComplianceTest implements EngineCompliance {

    @Override
    public Engine engine() {
        return new ReferenceEngine();
    }
}
