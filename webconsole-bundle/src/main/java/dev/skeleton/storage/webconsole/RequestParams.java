package dev.skeleton.storage.webconsole;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.util.function.Function;

/**
 * The parameters of one request (query or form), read with the page's rules: a parameter that is
 * absent and one that is empty mean the same, and a bad value is
 * {@link ErrorCode#INVALID_ARGUMENT} naming the parameter and the value, so the page can show it.
 * Not thread-safe; one request's.
 */
final class RequestParams {

    private final Function<String, String> source;

    /**
     * Parameters read from a source.
     *
     * @param source a parameter's value by name, null if absent (e.g. {@code request::getParameter})
     */
    RequestParams(Function<String, String> source) {
        this.source = source;
    }

    /**
     * A parameter's text.
     *
     * @param name the parameter
     * @return its value, empty if absent
     */
    String text(String name) {
        String value = source.apply(name);
        return value == null ? "" : value;
    }

    /**
     * A parameter that must be given.
     *
     * @param name the parameter
     * @return its value, not empty
     * @throws StorageException INVALID_ARGUMENT if absent or empty
     */
    String required(String name) {
        String value = text(name);
        if (value.isEmpty()) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "the parameter \"" + name + "\" is missing");
        }
        return value;
    }

    /**
     * A yes/no parameter.
     *
     * @param name the parameter
     * @return true for {@code true}, false for {@code false} or absent
     * @throws StorageException INVALID_ARGUMENT for any other value
     */
    boolean flag(String name) {
        String value = text(name);
        if (value.isEmpty() || value.equals("false")) {
            return false;
        }
        if (value.equals("true")) {
            return true;
        }
        throw new StorageException(ErrorCode.INVALID_ARGUMENT, "the parameter \"" + name
                + "\" must be true or false, was \"" + value + "\"");
    }

    /**
     * A whole number within bounds that must be given.
     *
     * @param name the parameter
     * @param min  the least allowed
     * @param max  the greatest allowed
     * @return the number
     * @throws StorageException INVALID_ARGUMENT if absent, not a number or out of bounds
     */
    long requiredNumber(String name, long min, long max) {
        required(name);
        return number(name, min, min, max);
    }

    /**
     * A whole number within bounds.
     *
     * @param name         the parameter
     * @param defaultValue the value when absent
     * @param min          the least allowed
     * @param max          the greatest allowed
     * @return the number
     * @throws StorageException INVALID_ARGUMENT if not a number or out of bounds
     */
    long number(String name, long defaultValue, long min, long max) {
        String value = text(name).trim();
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            long number = Long.parseLong(value);
            if (number >= min && number <= max) {
                return number;
            }
        } catch (NumberFormatException e) {
            // Reported below, with the bounds: the same message as a number out of bounds.
        }
        throw new StorageException(ErrorCode.INVALID_ARGUMENT, "the parameter \"" + name
                + "\" must be a whole number from " + min + " to " + max + ", was \"" + value + "\"");
    }
}
