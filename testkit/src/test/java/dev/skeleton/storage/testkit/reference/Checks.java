package dev.skeleton.storage.testkit.reference;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.testkit.Bytes;

/** The argument checks and error messages that the reference store and transaction share. */
final class Checks {

    private Checks() {
    }

    static void requireKey(byte[] key, String storeName) {
        if (key == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "key must not be null (store " + storeName + ")");
        }
    }

    static void requireValue(byte[] value, String storeName) {
        if (value == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "value must not be null (store " + storeName + ")");
        }
    }

    static void requireVisitor(Object visitor, String storeName) {
        if (visitor == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT,
                    "visitor must not be null (store " + storeName + ")");
        }
    }

    static StorageException keyNotFound(byte[] key, String storeName) {
        return new StorageException(ErrorCode.KEY_NOT_FOUND,
                "key " + Bytes.show(key) + " not found in store " + storeName);
    }

    static StorageException storeClosed(String storeName) {
        return new StorageException(ErrorCode.STORE_CLOSED, "store " + storeName + " is closed");
    }
}
