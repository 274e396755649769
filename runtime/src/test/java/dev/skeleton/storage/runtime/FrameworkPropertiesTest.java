package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class FrameworkPropertiesTest {

    private static LauncherOptions options(String... args) throws LaunchException {
        return LauncherOptions.parse(List.of(args), name -> null, Path.of("/w"), Path.of("/home"));
    }

    @Test
    void theFrameworkStartsCleanAtLevelOneWithItsCacheInTheDataFolder() throws LaunchException {
        Map<String, String> properties = FrameworkProperties.of(options(), new Properties());

        assertEquals("/w/data/.framework", properties.get("org.osgi.framework.storage"));
        assertEquals("onFirstInit", properties.get("org.osgi.framework.storage.clean"));
        assertEquals("1", properties.get("org.osgi.framework.startlevel.beginning"));
        assertEquals("3", properties.get("felix.startlevel.bundle"));
    }

    @Test
    void fileInstallWatchesDeployAndEtcFromTheStart() throws LaunchException {
        Map<String, String> properties = FrameworkProperties.of(options("--deploy", "d", "--etc", "e"), new Properties());

        assertEquals("/w/d,/w/e", properties.get("felix.fileinstall.dir"));
        assertEquals("true", properties.get("felix.fileinstall.noInitialDelay"));
        assertEquals("2", properties.get("felix.fileinstall.start.level"));
        assertEquals("false", properties.get("felix.fileinstall.enableConfigSave"));
    }

    @Test
    void fileInstallLogsThroughJavaLoggingForOneLineMessages() throws LaunchException {
        assertEquals("jul", FrameworkProperties.of(options(), new Properties()).get("felix.fileinstall.log.default"));
    }

    @Test
    void configurationsStayInMemory() throws LaunchException {
        assertEquals("memory", FrameworkProperties.of(options(), new Properties()).get("felix.cm.pm"));
    }

    @Test
    void theConsoleIsInteractiveOnlyWithoutCommands() throws LaunchException {
        assertEquals("", FrameworkProperties.of(options(), new Properties()).get("gosh.args"));
        assertEquals("--nointeractive",
                FrameworkProperties.of(options("-c", "store:engines"), new Properties()).get("gosh.args"));
        assertEquals("--nointeractive",
                FrameworkProperties.of(options("script.gogo"), new Properties()).get("gosh.args"));
    }

    @Test
    void theConsoleKeepsItsHistoryInTheDataFolder() throws LaunchException {
        LauncherOptions options = options();
        assertEquals(options.data().resolve(".history").toString(),
                FrameworkProperties.of(options, new Properties()).get("skeleton.console.history"));
    }

    @Test
    void frameworkPropertiesPassThroughAndWin() throws LaunchException {
        Properties system = new Properties();
        system.setProperty("felix.fileinstall.poll", "100");
        system.setProperty("org.osgi.framework.bootdelegation", "sun.*");
        system.setProperty("gosh.args", "--nointeractive");
        system.setProperty("ds.loglevel", "warn");
        system.setProperty("user.home", "/root");

        Map<String, String> properties = FrameworkProperties.of(options(), system);

        assertEquals("100", properties.get("felix.fileinstall.poll"));
        assertEquals("sun.*", properties.get("org.osgi.framework.bootdelegation"));
        assertEquals("--nointeractive", properties.get("gosh.args"));
        assertEquals("warn", properties.get("ds.loglevel"));
        assertFalse(properties.containsKey("user.home"));
    }
}
