package dev.skeleton.storage.file;

import dev.skeleton.storage.Engine;
import dev.skeleton.storage.testkit.EngineCompliance;

/** The whole compliance kit, run against the file engine with its default settings. */
class FileEngineComplianceTest implements EngineCompliance {
    @Override
    public Engine engine() {
        return new FileEngine();
    }
}
