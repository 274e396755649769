package dev.skeleton.storage.postgres.osgi;

import dev.skeleton.storage.postgres.PostgresSettings;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.osgi.service.metatype.annotations.Option;

/**
 * The ConfigAdmin configuration of the postgres engine, PID {@value PostgresSettingsComponent#PID}:
 * the keys of {@link PostgresSettings}, described for Metatype (a console shows the password field
 * as a password), except that the password is the private key {@code .password}.
 * {@link PostgresSettingsComponent} reads the raw properties, so that an unknown key is refused
 * instead of ignored.
 */
@ObjectClassDefinition(name = "Skeleton Storage PostgreSQL engine",
        description = "The database the postgres engine keeps its stores on. The engine is present while this "
                + "configuration exists.")
public @interface PostgresEngineSettings {

    /**
     * The JDBC url.
     *
     * @return for example {@code jdbc:postgresql://db.example.com:5432/app}
     */
    @AttributeDefinition(name = "JDBC url", description = "jdbc:postgresql://host:port/database, or several hosts "
            + "(a primary and its standbys) as jdbc:postgresql://host1:port1,host2:port2/database: writes go to "
            + "the primary, found again after a failover; the engine sets targetServerType itself (see Read from)")
    String url();

    /**
     * The login.
     *
     * @return a user name
     */
    @AttributeDefinition(name = "User", required = false)
    String user();

    /**
     * The password, as the private property {@code .password} (the method name's leading underscore
     * stands for the dot): Declarative Services does not publish private properties with the
     * service, so no other bundle can read it.
     *
     * @return a password; never logged or shown
     */
    @AttributeDefinition(name = "Password", type = AttributeType.PASSWORD, required = false)
    String _password();

    /**
     * The most connections held.
     *
     * @return 2 to 1000
     */
    @AttributeDefinition(name = "Pool size", min = "2", max = "1000",
            description = "Every open transaction and iteration holds one connection")
    int pool__size() default PostgresSettings.DEFAULT_POOL_SIZE;

    /**
     * The schema of the stores.
     *
     * @return a lower-case SQL identifier
     */
    @AttributeDefinition(name = "Schema", description = "Engines with the same database and schema share stores")
    String schema() default PostgresSettings.DEFAULT_SCHEMA;

    /**
     * How long an operation waits for a connection.
     *
     * @return milliseconds
     */
    @AttributeDefinition(name = "Connection timeout (ms)", min = "250", max = "600000")
    long connect__timeout__ms() default PostgresSettings.DEFAULT_CONNECT_TIMEOUT_MS;

    /**
     * PostgreSQL's {@code synchronous_commit} for every connection of the engine; no value: the
     * server's own setting.
     *
     * @return off, local, remote_write, on or remote_apply
     */
    @AttributeDefinition(name = "Synchronous commit", required = false,
            description = "What an acknowledged write survives. off: may lose the last acknowledged writes if the "
                    + "primary crashes; local: survives a crash of the primary, not its loss; remote_write, on, "
                    + "remote_apply: with synchronous_standby_names on the server, survives the loss of the "
                    + "primary (on: flushed on the standby; remote_apply: also visible to reads there). Empty: "
                    + "the server's setting",
            options = {
                @Option(label = "off", value = "off"),
                @Option(label = "local", value = "local"),
                @Option(label = "remote_write", value = "remote_write"),
                @Option(label = "on", value = "on"),
                @Option(label = "remote_apply", value = "remote_apply")
            })
    String synchronous__commit();

    /**
     * Where plain reads and read-only transactions go.
     *
     * @return primary, standby or any
     */
    @AttributeDefinition(name = "Read from",
            description = "primary: everything on the primary. standby: reads and read-only transactions on a "
                    + "standby when one answers, else on the primary. any: on any server of the url. A standby "
                    + "may lag: it may not show a write acknowledged on the primary yet (unless synchronous "
                    + "commit is remote_apply)",
            options = {
                @Option(label = "primary", value = "primary"),
                @Option(label = "standby", value = "standby"),
                @Option(label = "any", value = "any")
            })
    String read__from() default "primary";
}
