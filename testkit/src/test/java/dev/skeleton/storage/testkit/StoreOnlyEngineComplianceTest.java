package dev.skeleton.storage.testkit;

import dev.skeleton.storage.Engine;
import dev.skeleton.storage.testkit.reference.StoreOnlyEngine;

/**
 * Proves that the kit suits an engine with no capability at all: the capability tests skip, every
 * other test passes.
 */
class StoreOnlyEngineComplianceTest implements EngineCompliance {

    @Override
    public Engine engine() {
        return new StoreOnlyEngine();
    }
}
