package dev.skeleton.storage.testkit;

import dev.skeleton.storage.Engine;
import dev.skeleton.storage.testkit.reference.FileReferenceEngine;

/** Proves the kit's persistence tests against the persistent reference engine: every test must pass. */
class FileReferenceEngineComplianceTest implements EngineCompliance {

    @Override
    public Engine engine() {
        return new FileReferenceEngine();
    }
}
