package dev.skeleton.storage.postgres.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.postgres.PostgresEngine;
import dev.skeleton.storage.postgres.PostgresSettings;
import java.lang.reflect.Modifier;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * The engine component without a framework: it is the engine of the settings it is given (the
 * ones {@link PostgresSettingsComponent} offers), delegates every call to it, shows no password,
 * and closes it when deactivated. (Its declaration, its service and its properties in a real
 * Felix: see itests.)
 */
class PostgresEngineComponentTest {

    private static final PostgresSettings SETTINGS = PostgresSettings.from(Config.of(Map.of(
            "url", "jdbc:postgresql://127.0.0.1:1/app", "user", "u", "password", "s3cret-pw", "pool_size", 3)));

    @Test
    void itIsTheEngineOfItsSettings() {
        PostgresEngineComponent component = new PostgresEngineComponent(new ValidSettings(SETTINGS));
        try {
            assertEquals(PostgresEngine.NAME, component.name());
            assertSame(SETTINGS, component.engine().settings());
            assertEquals(component.engine().capabilities(), component.capabilities());
            assertEquals(component.engine().toString(), component.toString());
            assertFalse(component.toString().contains("s3cret-pw"), component.toString());
        } finally {
            component.deactivate();
        }
    }

    /** Arguments are the engine's to check: the component passes every call on as it is. */
    @Test
    void everyCallGoesToTheEngine() {
        PostgresEngineComponent component = new PostgresEngineComponent(new ValidSettings(SETTINGS));
        try {
            assertCode(ErrorCode.INVALID_ARGUMENT, () -> component.create("no/such name", "/tmp/unused", Config.empty()));
            assertCode(ErrorCode.INVALID_ARGUMENT, () -> component.open("s", null));
            assertCode(ErrorCode.INVALID_ARGUMENT, () -> component.destroy(null, "/tmp/unused/s"));
        } finally {
            component.deactivate();
        }
    }

    @Test
    void deactivationClosesTheEngine() {
        PostgresEngineComponent component = new PostgresEngineComponent(new ValidSettings(SETTINGS));

        component.deactivate();

        assertCode(ErrorCode.ENGINE_UNAVAILABLE, () -> component.open("s", "/tmp/unused/s"));
        assertCode(ErrorCode.ENGINE_UNAVAILABLE, () -> component.create("s", "/tmp/unused/s", Config.empty()));
        assertCode(ErrorCode.ENGINE_UNAVAILABLE, () -> component.engine().open("s", "/tmp/unused/s"));
        component.deactivate();
    }

    /**
     * Declarative Services builds the component through this constructor (constructor injection of
     * its one reference); it must be public, as the class, and an {@code Engine}.
     */
    @Test
    void declarativeServicesCanBuildIt() throws Exception {
        assertTrue(Modifier.isPublic(PostgresEngineComponent.class.getModifiers()));
        assertTrue(Modifier.isPublic(PostgresEngineComponent.class.getConstructor(ValidSettings.class).getModifiers()));
        assertTrue(Engine.class.isAssignableFrom(PostgresEngineComponent.class));
    }

    private static void assertCode(ErrorCode code, Executable call) {
        assertEquals(code, assertThrows(StorageException.class, call).code());
    }
}
