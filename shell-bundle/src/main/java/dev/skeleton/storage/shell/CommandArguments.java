package dev.skeleton.storage.shell;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parsing of the command arguments that are not keys or values: numbers, files and engine
 * configuration.
 * Gogo hands every argument over as the string the user typed (the commands declare
 * {@code String} parameters for that reason, so that {@code 007} stays {@code 007}); the checks
 * here turn bad input into {@link ErrorCode#INVALID_ARGUMENT} with a message naming the argument
 * and what was expected, instead of Gogo's "Cannot coerce" message.
 */
final class CommandArguments {

    private CommandArguments() {
    }

    /**
     * The {@code --limit} of {@code scan}.
     *
     * @param text the option's value
     * @return the limit; 0 means no limit
     * @throws StorageException {@link ErrorCode#INVALID_ARGUMENT} unless a whole number from 0 to
     *         {@link Integer#MAX_VALUE}
     */
    static int limit(String text) {
        try {
            int limit = Integer.parseInt(String.valueOf(text).strip());
            if (limit >= 0) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // reported below, with what was expected
        }
        throw new StorageException(ErrorCode.INVALID_ARGUMENT,
                "--limit must be a whole number of 0 or more (0: no limit), was \"" + text + "\"");
    }

    /**
     * A version number.
     *
     * @param text the argument
     * @return the version
     * @throws StorageException {@link ErrorCode#INVALID_ARGUMENT} unless a whole number of 1 or more
     */
    static long version(String text) {
        try {
            long version = Long.parseLong(String.valueOf(text).strip());
            if (version >= 1) {
                return version;
            }
        } catch (NumberFormatException e) {
            // reported below, with what was expected
        }
        throw new StorageException(ErrorCode.INVALID_ARGUMENT,
                "version must be a whole number of 1 or more, was \"" + text + "\"");
    }

    /**
     * The {@code --version} of {@code export}: a saved version, or none for the working data.
     *
     * @param text the option's value; empty when the option is absent
     * @return the version; 0 for the working data
     * @throws StorageException {@link ErrorCode#INVALID_ARGUMENT} unless empty or a whole number of
     *         1 or more
     */
    static long versionOrWorkingData(String text) {
        return "".equals(text) ? 0 : version(text);
    }

    /**
     * A file, resolved against the current directory of the JVM (not a directory the shell may
     * have changed to: the JVM has only one).
     *
     * @param text the argument, as typed
     * @return the absolute, normalised path
     * @throws StorageException {@link ErrorCode#INVALID_ARGUMENT} if missing (an unset Gogo
     *         variable arrives as null), blank, or no valid path on this system
     */
    static Path file(String text) {
        if (text == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "no value given for the file");
        }
        if (text.isBlank()) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "the file name must not be empty");
        }
        try {
            return Path.of(text).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT,
                    "bad file name \"" + text + "\": " + e.getReason(), e);
        }
    }

    /**
     * The engine configuration of {@code create} and {@code import}: {@code key=value} pairs,
     * values kept as strings (the engines' typed getters read numbers and booleans from strings).
     *
     * @param pairs the arguments, each {@code key=value}; the value may be empty or contain
     *              {@code =}
     * @return the configuration
     * @throws StorageException {@link ErrorCode#INVALID_ARGUMENT} for an argument without
     *         {@code =}, with an empty key, or with a key given twice
     */
    static Config config(String[] pairs) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String pair : pairs) {
            int equals = pair == null ? -1 : pair.indexOf('=');
            if (equals <= 0) {
                throw new StorageException(ErrorCode.INVALID_ARGUMENT,
                        "engine config must be given as key=value, got \"" + pair + "\"");
            }
            String key = pair.substring(0, equals);
            if (values.put(key, pair.substring(equals + 1)) != null) {
                throw new StorageException(ErrorCode.INVALID_ARGUMENT,
                        "engine config key " + key + " is given twice");
            }
        }
        return Config.of(values);
    }

    /**
     * Whether an argument of {@code create} is a configuration pair rather than an engine name.
     *
     * @param argument the argument
     * @return true if it contains {@code =}
     */
    static boolean isConfigPair(String argument) {
        return argument != null && argument.indexOf('=') >= 0;
    }
}
