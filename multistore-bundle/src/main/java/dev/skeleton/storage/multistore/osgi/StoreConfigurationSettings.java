package dev.skeleton.storage.multistore.osgi;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The Metatype description of a store configuration, factory PID
 * {@value StoreConfiguration#FACTORY_PID}: what Karaf's {@code config:meta} and the Web Console show
 * and check. {@link StoreConfiguration} reads {@code name} and {@code engine} and passes every other
 * key to the engine as the store's configuration; the engine keys described here are those of the
 * engines of this project (the README's "Configuration reference"), each saying which engines know
 * it. An engine refuses a key it does not know ({@code INVALID_CONFIG}), so a key of one engine in
 * the configuration of another engine's store makes nothing.
 *
 * <h2>No Metatype defaults</h2>
 * Every attribute but {@code name} is optional and none has a Metatype default: a tool that saved a
 * pre-filled default into the configuration would give a store keys that its engine may refuse (a
 * memory store given {@code cache_size}, any key to an engine that has none). Each description says
 * the engine's own default instead. A key saved blank (as some tools save an empty field) counts as
 * absent.
 *
 * <h2>Key names</h2>
 * An attribute's key is its method's name, where the Metatype annotations read {@code __} as
 * {@code _} (and a single {@code _} as {@code .}): {@code max__versions()} is the key
 * {@code max_versions}.
 */
@ObjectClassDefinition(name = "Skeleton Storage store",
        description = "One named store of the multistore: created with this engine and engine configuration if "
                + "it does not exist, opened if it does. A store that exists with another engine or other keys is "
                + "kept as it is (one warning names the differences); deleting the configuration keeps the store "
                + "and its data. Engine keys a store's engine does not know make the store fail to be created.")
public @interface StoreConfigurationSettings {

    /**
     * The store's name.
     *
     * @return a store name
     */
    @AttributeDefinition(name = "Name",
            description = "The store's name: 1 to 128 letters, digits, '.', '_' or '-', starting with a letter or a "
                    + "digit. Without a valid name the configuration makes nothing (one error line names it).")
    String name();

    /**
     * The engine of the store.
     *
     * @return an engine name
     */
    @AttributeDefinition(name = "Engine", required = false,
            description = "The engine that keeps the store: memory, file, postgres, or any other registered engine. "
                    + "Absent: the multistore's default engine. A store that waits for its engine is created when "
                    + "the engine comes.")
    String engine();

    /**
     * Saved versions kept (memory, file, postgres).
     *
     * @return a number of versions
     */
    @AttributeDefinition(name = "Versions kept", required = false,
            description = "Engines memory, file, postgres: saved versions kept, newest first; 0 or negative keeps "
                    + "all. Engine default: 100.")
    int max__versions();

    /**
     * Most bytes of keys plus values (memory).
     *
     * @return a number of bytes
     */
    @AttributeDefinition(name = "Size limit (memory)", required = false, min = "0",
            description = "Engine memory: most bytes of keys plus values; a write beyond it fails with STORE_FULL and "
                    + "changes nothing; negative is refused. Engine default: 0, no limit.")
    long max__size();

    /**
     * When writes are durable (file).
     *
     * @return always, interval or never
     */
    @AttributeDefinition(name = "Sync (file)", required = false,
            description = "Engine file: always: a write or commit returns once it is durable (concurrent writers "
                    + "share fsyncs); interval: durable within the sync interval; never: left to the operating "
                    + "system. Engine default: interval.",
            options = {
                    @Option(value = "always", label = "always"),
                    @Option(value = "interval", label = "interval"),
                    @Option(value = "never", label = "never")
            })
    String sync();

    /**
     * The sync interval in milliseconds (file).
     *
     * @return milliseconds
     */
    @AttributeDefinition(name = "Sync interval in ms (file)", required = false, min = "1", max = "3600000",
            description = "Engine file: 1 to 3,600,000 milliseconds; used by sync interval, accepted and ignored by "
                    + "the other modes. Engine default: 1000.")
    long sync__interval__ms();

    /**
     * Whether to compress (file).
     *
     * @return true to deflate
     */
    @AttributeDefinition(name = "Compression (file)", required = false,
            description = "Engine file: deflate log records, pages and large values. Engine default: false.")
    boolean compression();

    /**
     * The record format (file).
     *
     * @return kryo
     */
    @AttributeDefinition(name = "Record format (file)", required = false,
            description = "Engine file: the record format; kryo is the only one. Engine default: kryo.",
            options = @Option(value = "kryo", label = "kryo"))
    String format();

    /**
     * Bytes of the tree kept in the heap (file).
     *
     * @return a number of bytes
     */
    @AttributeDefinition(name = "Page cache in bytes (file)", required = false, min = "1048576",
            max = "1099511627776",
            description = "Engine file: bytes of the tree kept in the heap (the page cache; pages changed since the "
                    + "last checkpoint take up to as much again); 1 MiB to 1 TiB. Engine default: 67108864 (64 MiB).")
    long cache__size();
}
