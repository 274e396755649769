package dev.skeleton.storage.file;

import dev.skeleton.storage.Config;

/** The whole compliance kit with {@code sync=always}: every write and commit waits for its fsync. */
class FileEngineSyncAlwaysComplianceTest extends FileEngineComplianceTest {
    @Override
    public Config baseConfig() {
        return Config.of("sync", "always");
    }
}
