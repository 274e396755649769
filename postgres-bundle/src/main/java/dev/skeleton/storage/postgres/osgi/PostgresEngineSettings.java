package dev.skeleton.storage.postgres.osgi;

import dev.skeleton.storage.postgres.PostgresSettings;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

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
    @AttributeDefinition(name = "JDBC url", description = "jdbc:postgresql://host:port/database")
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
}
