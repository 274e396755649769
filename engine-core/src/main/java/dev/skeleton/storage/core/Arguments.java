package dev.skeleton.storage.core;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageException;
import java.util.regex.Pattern;

/**
 * Checks of caller input shared by every engine: bad input is {@link ErrorCode#INVALID_ARGUMENT}
 * with a message that names what was wrong, never a NullPointerException from deep inside.
 */
public final class Arguments {

    private static final Pattern STORE_NAME = Pattern.compile(MultiStore.STORE_NAME_PATTERN);

    private Arguments() {
    }

    /**
     * A key must not be null.
     *
     * @param key   the key
     * @param store the store's name, for the message
     * @return the key
     */
    public static byte[] key(byte[] key, String store) {
        if (key == null) {
            throw invalid("key must not be null (store " + store + ")");
        }
        return key;
    }

    /**
     * A value must not be null.
     *
     * @param value the value
     * @param key   its key, for the message
     * @param store the store's name, for the message
     * @return the value
     */
    public static byte[] value(byte[] value, byte[] key, String store) {
        if (value == null) {
            throw invalid("value must not be null (key " + Keys.describe(key) + ", store " + store + ")");
        }
        return value;
    }

    /**
     * A visitor must not be null.
     *
     * @param visitor the visitor
     * @param store   the store's name, for the message
     * @param <T>     its type
     * @return the visitor
     */
    public static <T> T visitor(T visitor, String store) {
        if (visitor == null) {
            throw invalid("visitor must not be null (store " + store + ")");
        }
        return visitor;
    }

    /**
     * A store name must match {@link MultiStore#STORE_NAME_PATTERN}, so that it can never escape a
     * root directory.
     *
     * @param name the name
     * @return the name
     */
    public static String storeName(String name) {
        if (name == null || !STORE_NAME.matcher(name).matches()) {
            throw invalid("invalid store name " + (name == null ? "null" : "\"" + name + "\"")
                    + ": must match " + MultiStore.STORE_NAME_PATTERN);
        }
        return name;
    }

    /**
     * A store path must not be null.
     *
     * @param path the path
     * @param name the store's name, for the message
     * @return the path
     */
    public static String path(String path, String name) {
        if (path == null) {
            throw invalid("path of store " + name + " must not be null");
        }
        return path;
    }

    private static StorageException invalid(String message) {
        return new StorageException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
