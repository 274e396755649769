package dev.skeleton.storage.runtime;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * The web console's user and password, which live in {@code etc/}: there is no default password.
 * They come from the first of:
 * <ol>
 *   <li>the Web Console's own configuration file {@code etc/}{@value #CONSOLE_PID}{@code .cfg}, when
 *       it sets {@code password} (FileInstall makes it the console's configuration, which the console
 *       prefers to its defaults); its {@code username} too, else the console's {@code admin};</li>
 *   <li>{@code etc/}{@value #FILE}: {@code user} and {@code password}, as properties;</li>
 *   <li>a new {@code etc/}{@value #FILE}, made here with user {@code admin} and a random password of
 *       {@value #PASSWORD_LENGTH} letters and digits ({@link SecureRandom}, about 143 bits), readable
 *       and writable by its owner only (POSIX permissions 0600 from its creation on; on a file
 *       system without POSIX permissions it is written all the same, with a warning).</li>
 * </ol>
 * The launcher hands the console the user and the password's hash (see {@link WebConsolePassword})
 * as the console's framework properties, which it reads before it registers anything: the first
 * request already meets them. With a configuration file that sets the password, the framework
 * property is the hash of a random password that nobody knows, so that nothing is accepted until
 * ConfigAdmin has handed the configuration over. Edits take effect at the next start.
 *
 * <p>Immutable.
 */
final class WebCredentials {

    /** The file the launcher writes, in {@code etc/}. */
    static final String FILE = "webconsole.password";
    /** The Web Console's configuration PID. */
    static final String CONSOLE_PID = "org.apache.felix.webconsole.internal.servlet.OsgiManager";
    /** The user of a new file, which is also the console's own default user. */
    static final String DEFAULT_USER = "admin";
    static final int PASSWORD_LENGTH = 24;
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private final String user;
    private final String passwordHash;
    private final Path source;
    private final boolean made;
    private final List<String> warnings;

    private WebCredentials(String user, String passwordHash, Path source, boolean made, List<String> warnings) {
        this.user = user;
        this.passwordHash = passwordHash;
        this.source = source;
        this.made = made;
        this.warnings = List.copyOf(warnings);
    }

    /**
     * The credentials of {@code etc/}, making the password file if there are none.
     *
     * @param etc    the configuration folder (it exists)
     * @param random where passwords and salts come from
     * @return the credentials
     * @throws LaunchException {@link ExitStatus#START_FAILED} naming the file that cannot be read or
     *         written, or the password file without a password
     */
    static WebCredentials of(Path etc, SecureRandom random) throws LaunchException {
        Path consoleFile = etc.resolve(CONSOLE_PID + ".cfg");
        Properties console = Files.isRegularFile(consoleFile) ? read(consoleFile) : new Properties();
        String consoleUser = nonBlank(console.getProperty("username"));
        if (nonBlank(console.getProperty("password")) != null) {
            String unknowable = WebConsolePassword.hash(randomPassword(random), random);
            return new WebCredentials(consoleUser == null ? DEFAULT_USER : consoleUser, unknowable, consoleFile, false,
                    List.of());
        }
        Path file = etc.resolve(FILE);
        List<String> warnings = new ArrayList<>();
        boolean made = false;
        if (!Files.exists(file)) {
            made = write(file, randomPassword(random), warnings);
        }
        Properties stored = read(file);
        String password = stored.getProperty("password");
        if (password == null || password.isEmpty()) {
            throw new LaunchException(ExitStatus.START_FAILED, file + " has no password for the web console: set"
                    + " password=..., or delete the file to have a random one made");
        }
        if (!made) {
            warnIfOthersMayRead(file, warnings);
        }
        String fileUser = nonBlank(stored.getProperty("user"));
        String user = consoleUser != null ? consoleUser : fileUser != null ? fileUser : DEFAULT_USER;
        return new WebCredentials(user, WebConsolePassword.hash(password, random), file, made, warnings);
    }

    /** The user name the console asks for. @return the user */
    String user() {
        return user;
    }

    /** The password's hash, for the console. @return the hashed form */
    String passwordHash() {
        return passwordHash;
    }

    /** The file that holds the password. @return an absolute path */
    Path source() {
        return source;
    }

    /** Whether the password file was made at this start. @return true if it was */
    boolean made() {
        return made;
    }

    /**
     * What the user should know about the file: its permissions.
     *
     * @return one line per warning; empty when none
     */
    List<String> warnings() {
        return warnings;
    }

    /**
     * Where the credentials are, for the banner.
     *
     * @return such as {@code user admin, password in /home/me/etc/webconsole.password}
     */
    String describe() {
        return "user " + user + ", " + (made ? "new random password in " : "password in ") + source;
    }

    static String randomPassword(SecureRandom random) {
        StringBuilder password = new StringBuilder(PASSWORD_LENGTH);
        for (int i = 0; i < PASSWORD_LENGTH; i++) {
            password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    /**
     * Writes a new password file, readable by its owner only from the moment it exists.
     *
     * @return true once written
     */
    private static boolean write(Path file, String password, List<String> warnings) throws LaunchException {
        String text = "# The web console's user and password (./skeleton --web), made at the first start with\n"
                + "# --web. Change them here and restart; delete this file to have a new random password\n"
                + "# made. A backslash in them is written \\\\. Keep this file readable by its owner only.\n"
                + "user=" + DEFAULT_USER + "\n"
                + "password=" + password + "\n";
        try {
            if (Files.getFileStore(file.getParent()).supportsFileAttributeView(PosixFileAttributeView.class)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                Files.setPosixFilePermissions(file, OWNER_ONLY);
                Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
            } else {
                Files.writeString(file, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
                warnings.add(file + ": the file system has no POSIX permissions, so the file may be readable"
                        + " by others; restrict who can read it");
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            // Made meanwhile by another start: it is read as it is.
            return false;
        } catch (IOException | UnsupportedOperationException e) {
            throw new LaunchException(ExitStatus.START_FAILED, "cannot write the web console's password file "
                    + file + ": " + e, e);
        }
    }

    private static void warnIfOthersMayRead(Path file, List<String> warnings) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(permissions)) {
                warnings.add(file + " can be read or written by others than its owner ("
                        + PosixFilePermissions.toString(permissions) + "): chmod 600 it");
            }
        } catch (IOException | UnsupportedOperationException e) {
            // No POSIX permissions to check on this file system.
        }
    }

    private static Properties read(Path file) throws LaunchException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
            return properties;
        } catch (IOException | IllegalArgumentException e) {
            throw new LaunchException(ExitStatus.START_FAILED, "cannot read " + file + ": " + e, e);
        }
    }

    private static String nonBlank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
