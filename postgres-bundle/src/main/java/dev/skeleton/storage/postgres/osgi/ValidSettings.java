package dev.skeleton.storage.postgres.osgi;

import dev.skeleton.storage.postgres.PostgresSettings;
import java.util.Objects;

/**
 * The settings of a configuration that {@link PostgresSettingsComponent} accepted, offered as a
 * service of this bundle only while that configuration holds, so that
 * {@link PostgresEngineComponent} (whose mandatory reference it satisfies) provides the
 * {@code Engine} service exactly then.
 *
 * <p>It carries no service property: nothing of the configuration is published through it. Its
 * type is in a package the bundle exports to no one, so no other bundle can name it; a bundle that
 * reached its object by reflection would learn no more than the {@code Engine} service object or
 * ConfigAdmin already tell any bundle. {@link #toString()} masks the password (that of
 * {@link PostgresSettings}).
 *
 * <p>Immutable, hence thread-safe.
 *
 * @param settings the engine's settings, never null
 */
record ValidSettings(PostgresSettings settings) {

    /**
     * Settings for an engine.
     *
     * @param settings the accepted settings
     * @throws NullPointerException if {@code settings} is null: an engine component is satisfied
     *         by this service, and must never meet settings it cannot start with
     */
    ValidSettings {
        Objects.requireNonNull(settings, "settings");
    }
}
