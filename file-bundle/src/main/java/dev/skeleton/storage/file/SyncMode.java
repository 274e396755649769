package dev.skeleton.storage.file;

import java.util.Arrays;

/**
 * When the log of a file store is forced to disk: the {@code sync} config key.
 */
enum SyncMode {
    /** A write or commit returns only once it is durable; concurrent writers share each fsync. */
    ALWAYS("always"),
    /** Durable within {@code sync_interval_ms}: a timer forces the log when it has unsynced bytes. */
    INTERVAL("interval"),
    /** Left to the operating system; close writes to the OS but does not force. */
    NEVER("never");

    private final String configValue;

    SyncMode(String configValue) {
        this.configValue = configValue;
    }

    /** The value of the {@code sync} key that selects this mode. */
    String configValue() {
        return configValue;
    }

    /** The mode selected by a config value; the caller has checked it is one of {@link #configValues()}. */
    static SyncMode of(String configValue) {
        return Arrays.stream(values()).filter(m -> m.configValue.equals(configValue)).findFirst().orElseThrow();
    }

    /** Every accepted config value. */
    static String[] configValues() {
        return Arrays.stream(values()).map(SyncMode::configValue).toArray(String[]::new);
    }
}
