package dev.skeleton.storage.sample;

import dev.skeleton.storage.Engine;
import dev.skeleton.storage.testkit.EngineCompliance;

/** The whole compliance kit against the sample engine: the one test class a third-party engine writes. */
class SampleEngineComplianceTest implements EngineCompliance {

    @Override
    public Engine engine() {
        return new SampleEngine();
    }
}
