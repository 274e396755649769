package dev.skeleton.storage.file;

import dev.skeleton.storage.Config;

/** The whole compliance kit with {@code compression=true} and {@code sync=never}. */
class FileEngineCompressionComplianceTest extends FileEngineComplianceTest {
    @Override
    public Config baseConfig() {
        return Config.of("compression", true, "sync", "never");
    }
}
