package dev.skeleton.storage.karaf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The changes the tests make to a fresh instance's {@code etc/} before its first start. Each is one a
 * user could make by hand; {@link #addRepository} is the one the README tells users to make.
 */
final class KarafEtc {

    private final Path etc;

    KarafEtc(Path etc) {
        this.etc = etc;
    }

    /**
     * Enables the user {@code karaf} (password {@code karaf}) and its admin group, which the
     * distribution ships commented out, so that {@code bin/client} can log in.
     *
     * @throws IOException if the file cannot be edited
     */
    void enableKarafUser() throws IOException {
        CfgFile users = new CfgFile(etc.resolve("users.properties"));
        users.set("karaf", "karaf,_g_:admingroup");
        users.set("_g_\\:admingroup", "group,admin,manager,viewer,systembundles,ssh");
    }

    /**
     * Moves Karaf's listening ports off their defaults, to free ones on the loopback address. The
     * distribution's boot features start no HTTP server, so SSH and the JMX RMI pair are all.
     *
     * @param ssh         the SSH console
     * @param rmiRegistry the JMX RMI registry
     * @param rmiServer   the JMX RMI server
     * @throws IOException if a file cannot be edited
     */
    void listenOn(int ssh, int rmiRegistry, int rmiServer) throws IOException {
        CfgFile shell = new CfgFile(etc.resolve("org.apache.karaf.shell.cfg"));
        shell.set("sshPort", Integer.toString(ssh));
        shell.set("sshHost", "127.0.0.1");
        CfgFile management = new CfgFile(etc.resolve("org.apache.karaf.management.cfg"));
        management.set("rmiRegistryPort", Integer.toString(rmiRegistry));
        management.set("rmiServerPort", Integer.toString(rmiServer));
    }

    /**
     * Cuts pax-url (which resolves Karaf's {@code mvn:} URLs) off every repository but Karaf's own
     * folders: no remote repository, and an empty local repository and settings file of the test's
     * instead of {@code ~/.m2}. What the features need must then come from a folder added by
     * {@link #addRepository}.
     *
     * @param emptyLocal a folder to be pax-url's local repository
     * @throws IOException if the files cannot be written
     */
    void isolateMaven(Path emptyLocal) throws IOException {
        isolateMaven(emptyLocal, "");
    }

    /**
     * As {@link #isolateMaven(Path)}, with remote repositories for what the distribution lacks
     * (Karaf 4.3 has no Declarative Services in its {@code system/} folder).
     *
     * @param emptyLocal a folder to be pax-url's local repository
     * @param remotes    pax-url's remote repositories, comma-separated; empty for none
     * @throws IOException if the files cannot be written
     */
    void isolateMaven(Path emptyLocal, String remotes) throws IOException {
        // Empty for this run: what an earlier run (of another Karaf version) fetched does not count.
        KarafInstance.deleteTree(emptyLocal);
        Files.createDirectories(emptyLocal);
        Path settings = Files.writeString(emptyLocal.resolveSibling("settings.xml"), "<settings/>\n");
        CfgFile mvn = new CfgFile(etc.resolve("org.ops4j.pax.url.mvn.cfg"));
        mvn.set("org.ops4j.pax.url.mvn.localRepository", emptyLocal.toString());
        mvn.set("org.ops4j.pax.url.mvn.settings", settings.toString());
        mvn.set("org.ops4j.pax.url.mvn.repositories", remotes);
    }

    /**
     * Adds a folder in Maven repository layout to pax-url's default repositories, after Karaf's own:
     * the README's step for the runtime's {@code target/skeleton/repository}.
     *
     * @param repository the folder
     * @return the line added, as the user writes it
     * @throws IOException if the file cannot be edited
     */
    String addRepository(Path repository) throws IOException {
        String entry = "file:" + repository.toAbsolutePath().normalize() + "@id=skeleton@snapshots";
        new CfgFile(etc.resolve("org.ops4j.pax.url.mvn.cfg")).append("org.ops4j.pax.url.mvn.defaultRepositories", entry);
        return entry;
    }

    /**
     * Makes the log name each logger in full ({@code dev.skeleton.storage....}) instead of its last
     * segment, so that an entry of our bundles can be told from Karaf's.
     *
     * @throws IOException if the file cannot be edited
     */
    void fullLoggerNames() throws IOException {
        new CfgFile(etc.resolve("org.ops4j.pax.logging.cfg")).set("log4j2.pattern",
                "%d{ISO8601} | %-5p | %-16t | %c | %X{bundle.id} - %X{bundle.name} - %X{bundle.version}"
                        + " | %encode{%.-500m}{CRLF}%n");
    }
}
