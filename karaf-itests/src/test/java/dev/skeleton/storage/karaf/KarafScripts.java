package dev.skeleton.storage.karaf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The scripts of a Karaf instance's {@code bin/} run as child processes, on the JVM that runs the
 * tests: {@code JAVA_HOME} is this JVM's home, and no {@code KARAF_*} variable of the caller's
 * environment points them at another instance.
 */
final class KarafScripts {

    private KarafScripts() {
    }

    /**
     * A process builder for a script.
     *
     * @param home   the instance folder
     * @param script the script's name in {@code bin/}
     * @param args   its arguments
     * @return the builder, working in the instance folder
     */
    static ProcessBuilder script(Path home, String script, String... args) {
        List<String> command = new ArrayList<>();
        command.add(home.resolve("bin").resolve(script).toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(home.toFile());
        Map<String, String> environment = builder.environment();
        environment.keySet().removeIf(name -> name.startsWith("KARAF_") || name.equals("JAVA_OPTS")
                || name.equals("EXTRA_JAVA_OPTS"));
        environment.put("JAVA_HOME", System.getProperty("java.home"));
        return builder;
    }
}
