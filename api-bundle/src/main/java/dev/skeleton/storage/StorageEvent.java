package dev.skeleton.storage;

import java.time.Instant;

/**
 * Something that happened to a store or an engine of a {@link MultiStore}. In OSGi, events are also
 * posted to EventAdmin (when present) on the topic {@link #topic()}:
 * {@code dev/skeleton/storage/<TYPE>}.
 *
 * @param type       what happened; never null
 * @param storeName  the store it happened to, or null for engine events
 * @param engineName the engine involved, or null where none is
 * @param version    the version saved or loaded; 0 where it does not apply
 * @param time       when it happened; never null
 */
public record StorageEvent(Type type, String storeName, String engineName, long version,
                           Instant time) {

    /** The EventAdmin topic prefix; the topic is this plus the type's name. */
    public static final String TOPIC_PREFIX = "dev/skeleton/storage/";

    /** What happened. */
    public enum Type {
        /** A store was created. */
        STORE_CREATED,
        /** An existing store was opened. */
        STORE_OPENED,
        /** A store was closed. */
        STORE_CLOSED,
        /** A store was deleted with its data. */
        STORE_DELETED,
        /** A store's engine left; the store stays known but fails with ENGINE_UNAVAILABLE. */
        STORE_UNAVAILABLE,
        /** An engine was registered. */
        ENGINE_ADDED,
        /** An engine was unregistered. */
        ENGINE_REMOVED,
        /** A version was saved; {@code version} is its number. */
        VERSION_SAVED,
        /** A version was loaded; {@code version} is its number. */
        VERSION_LOADED,
        /** A transaction committed. */
        TX_COMMITTED,
        /** A transaction was rolled back (explicitly, by close, or after a conflict). */
        TX_ROLLED_BACK,
        /** A store was exported to a dump; {@code version} is the version exported, 0 for the working data. Since 1.1. */
        STORE_EXPORTED,
        /** A store was made from a dump; {@code engineName} is its engine. Since 1.1. */
        STORE_IMPORTED,
        /** A dump was verified; {@code storeName} and {@code engineName} are those written in it. Since 1.1. */
        DUMP_VERIFIED,
        /** A store was made as a copy of another; {@code storeName} is the copy, {@code engineName} its engine. Since 1.1. */
        STORE_COPIED,
        /** A store moved to another engine; {@code engineName} is the engine it is on now. Since 1.1. */
        STORE_MOVED
    }

    /**
     * Checks the fields.
     *
     * @throws StorageException {@link ErrorCode#INVALID_ARGUMENT} if {@code type} or {@code time} is
     *         null, or {@code version} is negative
     */
    public StorageEvent {
        if (type == null || time == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT,
                    "storage event needs a type and a time, got type=" + type + ", time=" + time);
        }
        if (version < 0) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT,
                    "storage event version must not be negative, was " + version);
        }
    }

    /**
     * The EventAdmin topic of this event.
     *
     * @return {@code dev/skeleton/storage/<TYPE>}
     */
    public String topic() {
        return TOPIC_PREFIX + type.name();
    }
}
