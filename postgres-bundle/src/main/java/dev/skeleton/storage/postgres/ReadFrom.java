package dev.skeleton.storage.postgres;

import java.util.Locale;

/**
 * Where the {@code postgres} engine sends its plain reads and read-only transactions (the setting
 * {@code read_from}). Writes, read-write transactions, version operations and the catalog always go
 * to the primary, whatever this says.
 *
 * <p>A read on a standby sees the standby's replayed past: with asynchronous replication (or
 * {@code synchronous_commit} below {@code remote_apply}) a write the primary acknowledged may not be
 * visible there yet. It never sees half of a commit, and a read-only transaction keeps one snapshot
 * of the standby from its begin to its end, as on the primary.
 */
public enum ReadFrom {

    /** Everything goes to the primary: one connection pool; the default. */
    PRIMARY("primary"),
    /**
     * Reads go to a standby when one answers, else to the primary (pgjdbc's
     * {@code targetServerType=preferSecondary}): reads keep working while no standby is up.
     */
    STANDBY("preferSecondary"),
    /** Reads go to any server of the url, primary or standby, spread over them ({@code loadBalanceHosts}). */
    ANY("any");

    private final String targetServerType;

    ReadFrom(String targetServerType) {
        this.targetServerType = targetServerType;
    }

    /**
     * The setting's value for this choice.
     *
     * @return {@code primary}, {@code standby} or {@code any}
     */
    public String configValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The driver's {@code targetServerType} of the pool that reads. */
    String targetServerType() {
        return targetServerType;
    }

    /** The values the setting accepts, in the order of the constants. */
    static String[] configValues() {
        ReadFrom[] all = values();
        String[] names = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            names[i] = all[i].configValue();
        }
        return names;
    }

    /** The choice a setting's value names; the value must be one of {@link #configValues()}. */
    static ReadFrom of(String configValue) {
        return valueOf(configValue.toUpperCase(Locale.ROOT));
    }
}
