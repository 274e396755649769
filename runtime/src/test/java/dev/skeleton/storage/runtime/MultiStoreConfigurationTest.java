package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultiStoreConfigurationTest {

    @TempDir
    Path etc;

    @Test
    void theLaunchersSettingsAreFrameworkPropertiesWithAnAbsoluteRoot() {
        assertEquals(Map.of("dev.skeleton.storage.multistore.root.path", Path.of("/w/data").toString(),
                        "dev.skeleton.storage.multistore.default.engine", "file"),
                MultiStoreConfiguration.frameworkProperties(Path.of("/w/x/../data"), "file"));
    }

    @Test
    void withoutAFileNothingIsSetAndNothingIsWrong() {
        MultiStoreConfiguration configuration = MultiStoreConfiguration.read(etc);

        assertEquals(etc.resolve("dev.skeleton.storage.multistore.cfg"), configuration.file());
        assertFalse(configuration.sets("root.path"));
        assertEquals(List.of(), configuration.warnings());
    }

    @Test
    void eachUnknownKeyIsNamedOnce() throws IOException {
        Path file = Files.writeString(MultiStoreConfiguration.fileIn(etc),
                "# the root\nroot.pth = ./x\ndefault.engine = memory\nDefault.Engine = file\n=garbage\nroot.path = \n");

        MultiStoreConfiguration configuration = MultiStoreConfiguration.read(etc);

        assertEquals(List.of(
                file + ": unknown key Default.Engine (known: root.path, default.engine)",
                file + ": unknown key root.pth (known: root.path, default.engine)"), configuration.warnings());
        assertTrue(configuration.sets("default.engine"));
        assertFalse(configuration.sets("root.path"), "blank is absent");
    }

    @Test
    void aFileThatCannotBeReadIsNamed() throws IOException {
        Path file = Files.writeString(MultiStoreConfiguration.fileIn(etc), "root.path = \\uZZZZ\n");

        List<String> warnings = MultiStoreConfiguration.read(etc).warnings();

        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith(file + ": cannot read it ("), warnings.toString());
    }
}
