package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The banner's lines and the override warnings; reading them from a running multistore is in the ITs. */
class EffectiveStoresTest {

    private static final String FILE = "/w/etc/dev.skeleton.storage.multistore.cfg";

    private static LauncherOptions options(String... args) throws LaunchException {
        return LauncherOptions.parse(List.of(args), name -> null, Path.of("/w"), Path.of("/home"));
    }

    private static final EffectiveStores FROM_THE_LAUNCHER =
            new EffectiveStores(Path.of("/w/data"), Optional.empty(), "file", Optional.empty());
    private static final EffectiveStores FROM_THE_FILE =
            new EffectiveStores(Path.of("/w/elsewhere"), Optional.of(FILE), "memory", Optional.of(FILE));

    @Test
    void theBannerNamesWhereASettingComesFrom() {
        assertEquals("/w/data", FROM_THE_LAUNCHER.rootLine());
        assertEquals("default file", FROM_THE_LAUNCHER.engineNote());
        assertEquals("/w/elsewhere (root.path from " + FILE + ")", FROM_THE_FILE.rootLine());
        assertEquals("default memory: default.engine from " + FILE, FROM_THE_FILE.engineNote());
    }

    @Test
    void onlySettingsGivenExplicitlyAndOverriddenAreWarnedAbout() throws LaunchException {
        assertEquals(List.of(), FROM_THE_FILE.overrides(options()), "defaults are no one's choice");
        assertEquals(List.of(), FROM_THE_LAUNCHER.overrides(options("--data", "data", "--engine", "file")));
        assertEquals(List.of(), FROM_THE_FILE.overrides(options("--data", "elsewhere", "--engine", "memory")),
                "the file agrees");
        assertEquals(List.of(
                FILE + " sets root.path, which overrides --data /w/d: the stores are in /w/elsewhere",
                FILE + " sets default.engine, which overrides --engine file: the default engine is memory"),
                FROM_THE_FILE.overrides(options("--data", "d", "--engine", "file")));
    }

    @Test
    void aSystemPropertyIsNamedAsGiven() throws LaunchException {
        LauncherOptions options = LauncherOptions.parse(List.of(),
                name -> switch (name) {
                    case "skeleton.data" -> "d";
                    case "skeleton.default.engine" -> "file";
                    default -> null;
                }, Path.of("/w"), Path.of("/home"));

        assertEquals(List.of(
                FILE + " sets root.path, which overrides skeleton.data /w/d: the stores are in /w/elsewhere",
                FILE + " sets default.engine, which overrides skeleton.default.engine file: the default engine is memory"),
                FROM_THE_FILE.overrides(options));
    }
}
