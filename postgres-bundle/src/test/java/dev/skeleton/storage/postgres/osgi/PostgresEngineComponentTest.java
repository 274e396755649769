package dev.skeleton.storage.postgres.osgi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Which configuration properties become engine settings: the framework's and the component's own
 * are dropped, and the password is accepted only as a private property, never one that Declarative
 * Services would publish with the service. (Activation in a real framework: see itests.)
 */
class PostgresEngineComponentTest {

    @Test
    void frameworkAndComponentPropertiesAreDroppedAndThePrivatePasswordIsThePassword() {
        Map<String, Object> keys = PostgresEngineComponent.engineKeys(Map.of(
                "url", "jdbc:postgresql://db/app", ".password", "secret", "engine.name", "postgres",
                "service.pid", "dev.skeleton.storage.postgres", "component.id", 7L,
                "osgi.ds.satisfying.condition.target", "(osgi.condition.id=true)"));

        assertEquals(Map.of("url", "jdbc:postgresql://db/app", "password", "secret"), keys);
    }

    @Test
    void aPublishedPasswordIsRefusedWithoutShowingIt() {
        StorageException plain = assertThrows(StorageException.class,
                () -> PostgresEngineComponent.engineKeys(Map.of("password", "secret")));
        assertEquals(ErrorCode.INVALID_CONFIG, plain.code());
        assertFalse(plain.getMessage().contains("secret"), plain.getMessage());

        StorageException inUrl = assertThrows(StorageException.class, () -> PostgresEngineComponent.engineKeys(
                Map.of("url", "jdbc:postgresql://db/app?user=u&Password=secret")));
        assertEquals(ErrorCode.INVALID_CONFIG, inUrl.code());
        assertFalse(inUrl.getMessage().contains("secret"), inUrl.getMessage());
    }
}
