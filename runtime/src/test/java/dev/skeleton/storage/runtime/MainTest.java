package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What {@code main} sets up before the launcher runs: the level of {@code java.util.logging}. */
class MainTest {

    private final Logger root = Logger.getLogger("");
    private Level before;

    @BeforeEach
    void remember() {
        before = root.getLevel();
        root.setLevel(Level.INFO);
    }

    @AfterEach
    void restore() {
        root.setLevel(before);
    }

    @Test
    void informationIsDroppedAndWarningsKept() {
        Main.quietJavaLogging(new Properties());

        assertEquals(Level.WARNING, root.getLevel());
    }

    @Test
    void aLoggingConfigurationOfTheUserIsKept() {
        for (String property : new String[] {"java.util.logging.config.file", "java.util.logging.config.class"}) {
            Properties system = new Properties();
            system.setProperty(property, "given");

            Main.quietJavaLogging(system);

            assertEquals(Level.INFO, root.getLevel(), property);
        }
    }
}
