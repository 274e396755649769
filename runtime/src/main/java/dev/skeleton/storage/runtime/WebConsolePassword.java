package dev.skeleton.storage.runtime;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A password in the hashed form the Felix Web Console accepts for its {@code password} setting, so
 * that the plain password never reaches the framework: the framework properties and the console's
 * own service properties (which any bundle, and the console's pages, can read) carry the hash only.
 *
 * <h2>The form</h2>
 * {@code {sha-256}<salt>-<iterations>-<hash>}: {@code salt} is hexadecimal, {@code hash} is the
 * Base64 (with padding) of SHA-256 applied {@code iterations} times, first to the UTF-8 bytes of
 * salt and password (the salt's hexadecimal text, then the password), then to each digest. Without
 * a salt the form is {@code {sha-256}<hash>} of one SHA-256: the console's own default password,
 * {@code admin}, is {@code {sha-256}jGl25bVBBBW96Qi9Te4V37Fnqchz/Eu4qB9vKrRIqRg=}. The algorithm
 * name is written in lower case: the console compares the stored text with the one it computes,
 * which it writes so.
 *
 * <p>Stateless; thread-safe.
 */
final class WebConsolePassword {

    /** Iterations of the hash, the console's own default when it hashes a password itself. */
    static final int ITERATIONS = 1000;
    private static final int SALT_BYTES = 16;
    private static final String ALGORITHM = "sha-256";

    private WebConsolePassword() {
    }

    /**
     * The hashed form of a password with a fresh random salt.
     *
     * @param password the plain password
     * @param random   where the salt comes from
     * @return {@code {sha-256}<salt>-1000-<hash>}
     */
    static String hash(String password, SecureRandom random) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        return hash(password, HexFormat.of().formatHex(salt), ITERATIONS);
    }

    /**
     * The hashed form with a given salt.
     *
     * @param password   the plain password
     * @param salt       the salt's text; empty for the unsalted form, which has one iteration
     * @param iterations how often the hash is applied (more than one only with a salt)
     * @return the hashed form
     */
    static String hash(String password, String salt, int iterations) {
        byte[] bytes = (salt + password).getBytes(StandardCharsets.UTF_8);
        MessageDigest digest = sha256();
        for (int i = 0; i < iterations; i++) {
            bytes = digest.digest(bytes);
        }
        String hash = Base64.getEncoder().encodeToString(bytes);
        return "{" + ALGORITHM + "}" + (salt.isEmpty() ? hash : salt + "-" + iterations + "-" + hash);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance(ALGORITHM);
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform has SHA-256 (java.security.MessageDigest's required algorithms).
            throw new IllegalStateException("no SHA-256 in this JVM", e);
        }
    }
}
