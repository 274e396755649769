package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class WebConsolePasswordTest {

    private static final Pattern SALTED = Pattern.compile("\\{sha-256\\}([0-9a-f]{32})-1000-([A-Za-z0-9+/]{43}=)");

    @Test
    void theUnsaltedFormIsTheOneOfTheConsolesOwnDefaultPassword() {
        // The Felix Web Console's default for "admin" (OsgiManager.DEFAULT_PASSWORD).
        assertEquals("{sha-256}jGl25bVBBBW96Qi9Te4V37Fnqchz/Eu4qB9vKrRIqRg=", WebConsolePassword.hash("admin", "", 1));
    }

    @Test
    void theSaltedFormHashesSaltAndPasswordOverAndOver() throws Exception {
        byte[] bytes = "c0ffeepassword".getBytes(StandardCharsets.UTF_8);
        MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
        for (int i = 0; i < 3; i++) {
            bytes = sha256.digest(bytes);
        }

        assertEquals("{sha-256}c0ffee-3-" + Base64.getEncoder().encodeToString(bytes),
                WebConsolePassword.hash("password", "c0ffee", 3));
    }

    @Test
    void eachHashHasAFreshSaltAndAThousandIterations() {
        SecureRandom random = new SecureRandom();
        String first = WebConsolePassword.hash("secret", random);
        String second = WebConsolePassword.hash("secret", random);

        Matcher matcher = SALTED.matcher(first);
        assertTrue(matcher.matches(), first);
        assertEquals(first, WebConsolePassword.hash("secret", matcher.group(1), WebConsolePassword.ITERATIONS));
        assertNotEquals(first, second, "salted afresh");
        assertTrue(SALTED.matcher(second).matches(), second);
    }
}
