package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StartLevelsTest {

    @ParameterizedTest
    @CsvSource({
            "org.apache.felix.scr,           FRAMEWORK_SERVICES",
            "org.osgi.service.component,     FRAMEWORK_SERVICES",
            "org.osgi.util.promise,          FRAMEWORK_SERVICES",
            "org.osgi.util.function,         FRAMEWORK_SERVICES",
            "org.osgi.service.log,           FRAMEWORK_SERVICES",
            "org.apache.felix.configadmin,   FRAMEWORK_SERVICES",
            "org.apache.felix.eventadmin,    FRAMEWORK_SERVICES",
            "org.apache.felix.metatype,      FRAMEWORK_SERVICES",
            "org.apache.felix.healthcheck.api, FRAMEWORK_SERVICES",
            "org.apache.felix.healthcheck.core, FRAMEWORK_SERVICES",
            "slf4j.api,                      FRAMEWORK_SERVICES",
            "org.apache.felix.fileinstall,   FOLDERS",
            "dev.skeleton.storage.api,       STORAGE",
            "dev.skeleton.storage.memory,    STORAGE",
            "dev.skeleton.storage.file,      STORAGE",
            "dev.skeleton.storage.multistore, STORAGE",
            "dev.skeleton.storage.health,    STORAGE",
            "org.apache.felix.gogo.runtime,  COMMANDS",
            "org.apache.felix.gogo.command,  COMMANDS",
            "dev.skeleton.storage.shell,     COMMANDS",
            "org.apache.felix.http.servlet-api, WEB",
            "org.apache.felix.http.jetty,    WEB",
            "org.apache.felix.webconsole,    WEB",
            "org.apache.felix.inventory,     WEB",
            "org.owasp.encoder,              WEB",
            "org.apache.felix.healthcheck.webconsoleplugin, WEB",
            "dev.skeleton.storage.webconsole, WEB",
            "jakarta.servlet-api,            FRAMEWORK_SERVICES",
            "org.osgi.service.servlet,       FRAMEWORK_SERVICES",
            "org.jline,                      CONSOLE",
            "dev.skeleton.storage.console,   CONSOLE",
            "com.example.any.new.engine,     STORAGE",
    })
    void theShippedPlanPutsEachBundleAtItsLevel(String symbolicName, StartLevel expected) {
        assertEquals(expected, StartLevels.standard().of(symbolicName));
    }

    @Test
    void levelsComeUpInOrderFromOne() {
        int expected = 1;
        for (StartLevel level : StartLevel.values()) {
            assertEquals(expected++, level.level(), level.name());
        }
    }

    @Test
    void anUnknownLevelNameIsRefusedNamingTheBundle() {
        Properties properties = new Properties();
        properties.setProperty("some.bundle", "SOON");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> StartLevels.of(properties));
        assertTrue(e.getMessage().contains("SOON") && e.getMessage().contains("some.bundle"), e.getMessage());
    }
}
