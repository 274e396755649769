package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WebCredentialsTest {

    private static final Pattern HASH = Pattern.compile("\\{sha-256\\}([0-9a-f]+)-1000-.+");

    @TempDir
    Path etc;
    private final SecureRandom random = new SecureRandom();

    private Path file() {
        return etc.resolve(WebCredentials.FILE);
    }

    private static Properties properties(Path file) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(file)));
        return properties;
    }

    /** Whether a hash from the credentials is the hash of a password. */
    private static boolean hashes(String hash, String password) {
        Matcher matcher = HASH.matcher(hash);
        return matcher.matches()
                && hash.equals(WebConsolePassword.hash(password, matcher.group(1), WebConsolePassword.ITERATIONS));
    }

    @Test
    void theFirstStartMakesAFileWithARandomPasswordThatOnlyItsOwnerCanRead() throws Exception {
        WebCredentials credentials = WebCredentials.of(etc, random);

        Properties stored = properties(file());
        String password = stored.getProperty("password");
        assertTrue(password.matches("[A-Za-z0-9]{24}"), password);
        assertEquals("admin", stored.getProperty("user"));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
        assertEquals("admin", credentials.user());
        assertTrue(hashes(credentials.passwordHash(), password), credentials.passwordHash());
        assertFalse(credentials.passwordHash().contains(password), "the password itself is never handed on");
        assertTrue(credentials.made());
        assertEquals(file(), credentials.source());
        assertEquals("user admin, new random password in " + file(), credentials.describe());
        assertEquals(List.of(), credentials.warnings());
    }

    @Test
    void theNextStartReadsTheSameFile() throws Exception {
        String password = properties(file(WebCredentials.of(etc, random))).getProperty("password");

        WebCredentials again = WebCredentials.of(etc, random);

        assertFalse(again.made());
        assertEquals(password, properties(file()).getProperty("password"));
        assertTrue(hashes(again.passwordHash(), password));
        assertEquals("user admin, password in " + file(), again.describe());
    }

    private Path file(WebCredentials credentials) {
        return credentials.source();
    }

    @Test
    void twoFirstStartsMakeTwoDifferentPasswords() throws Exception {
        WebCredentials.of(etc, random);
        String first = properties(file()).getProperty("password");
        Files.delete(file());

        WebCredentials.of(etc, random);

        assertNotEquals(first, properties(file()).getProperty("password"));
    }

    @Test
    void anEditedFileGivesTheNewUserAndPassword() throws Exception {
        Files.writeString(file(), "user = operator\npassword = correct horse\n");
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-------"));

        WebCredentials credentials = WebCredentials.of(etc, random);

        assertEquals("operator", credentials.user());
        assertTrue(hashes(credentials.passwordHash(), "correct horse"));
        assertEquals(List.of(), credentials.warnings());
    }

    @Test
    void aFileWithoutUserIsTheDefaultUser() throws Exception {
        Files.writeString(file(), "password=x\n");
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-------"));

        assertEquals("admin", WebCredentials.of(etc, random).user());
    }

    @Test
    void aFileOthersMayReadIsAWarning() throws Exception {
        Files.writeString(file(), "user=admin\npassword=x\n");
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-r--r--"));

        List<String> warnings = WebCredentials.of(etc, random).warnings();

        assertEquals(1, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).contains("rw-r--r--") && warnings.get(0).contains("chmod 600"), warnings.get(0));
    }

    @Test
    void aFileWithoutPasswordFailsTheStartNamingTheFile() throws IOException {
        Files.writeString(file(), "user=admin\npassword=\n");

        LaunchException e = assertThrows(LaunchException.class, () -> WebCredentials.of(etc, random));

        assertEquals(ExitStatus.START_FAILED, e.exitStatus());
        assertTrue(e.getMessage().startsWith(file() + " has no password"), e.getMessage());
    }

    @Test
    void anUnreadableFileFailsTheStartNamingTheFile() throws IOException {
        Files.createDirectory(file());

        LaunchException e = assertThrows(LaunchException.class, () -> WebCredentials.of(etc, random));

        assertEquals(ExitStatus.START_FAILED, e.exitStatus());
        assertTrue(e.getMessage().startsWith("cannot read " + file()), e.getMessage());
    }

    @Test
    void aFolderThatCannotTakeTheFileFailsTheStart() {
        LaunchException e = assertThrows(LaunchException.class,
                () -> WebCredentials.of(etc.resolve("missing"), random));

        assertEquals(ExitStatus.START_FAILED, e.exitStatus());
        assertTrue(e.getMessage().startsWith("cannot write the web console's password file"), e.getMessage());
    }

    @Test
    void theConsolesOwnConfigurationWithAPasswordIsTheSourceAndNoFileIsMade() throws Exception {
        Path console = etc.resolve(WebCredentials.CONSOLE_PID + ".cfg");
        Files.writeString(console, "username=root\npassword={sha-256}abc\n");

        WebCredentials credentials = WebCredentials.of(etc, random);

        assertFalse(Files.exists(file()));
        assertEquals("root", credentials.user());
        assertEquals(console, credentials.source());
        assertEquals("user root, password in " + console, credentials.describe());
        assertTrue(HASH.matcher(credentials.passwordHash()).matches(),
                "until ConfigAdmin hands the configuration over, a password nobody knows: " + credentials.passwordHash());
        assertFalse(hashes(credentials.passwordHash(), "admin"));
    }

    @Test
    void theConsolesConfigurationWithAPasswordButNoUserIsTheConsolesDefaultUser() throws Exception {
        Files.writeString(etc.resolve(WebCredentials.CONSOLE_PID + ".cfg"), "password=secret\n");
        Files.writeString(file(), "user=operator\npassword=x\n");

        assertEquals("admin", WebCredentials.of(etc, random).user());
    }

    @Test
    void theConsolesConfigurationWithAUserOnlyNamesTheUserOfThePasswordFile() throws Exception {
        Files.writeString(etc.resolve(WebCredentials.CONSOLE_PID + ".cfg"), "username=root\nmanager.root=/console\n");

        WebCredentials credentials = WebCredentials.of(etc, random);

        assertEquals("root", credentials.user());
        assertEquals(file(), credentials.source());
        assertTrue(hashes(credentials.passwordHash(), properties(file()).getProperty("password")));
    }
}
