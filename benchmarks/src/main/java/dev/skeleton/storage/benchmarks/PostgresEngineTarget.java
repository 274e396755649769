package dev.skeleton.storage.benchmarks;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.RangeQueryable;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.postgres.PostgresEngine;
import dev.skeleton.storage.postgres.PostgresSettings;
import dev.skeleton.storage.postgres.ReadFrom;
import java.nio.file.Path;
import java.util.Locale;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The postgres engine under measurement, through its public API only, with its default settings
 * (a pool of {@value PostgresSettings#DEFAULT_POOL_SIZE} connections) but for the schema. Its
 * stores' directories, which hold only a note, live under {@link BenchDirectories}.
 */
final class PostgresEngineTarget implements PostgresTarget {

    private final EngineClient client;
    private final Store store;
    private final Transactional transactions;
    private final RangeQueryable ranges;

    private PostgresEngineTarget(EngineClient client, Store store) {
        this.client = client;
        this.store = store;
        this.transactions = (Transactional) store;
        this.ranges = (RangeQueryable) store;
    }

    @Override
    public void set(byte[] key, byte[] value) {
        store.set(key, value);
    }

    @Override
    public void load(byte[][] keys, byte[][] values, int from, int to) {
        try (Transaction tx = transactions.beginTx()) {
            for (int i = from; i < to; i++) {
                tx.set(keys[i], values[i]);
            }
            tx.commit();
        }
    }

    @Override
    public byte[] get(byte[] key) {
        return store.get(key);
    }

    @Override
    public int range(byte[] start, byte[] end, Blackhole sink) {
        int[] visited = {0};
        ranges.iterateRange(start, end, true, (key, value) -> {
            sink.consume(key);
            sink.consume(value);
            visited[0]++;
            return true;
        });
        return visited[0];
    }

    @Override
    public void drop() {
        String name = store.name();
        String path = store.path();
        store.close();
        client.engine.destroy(name, path);
    }

    /** The engine, connected for the whole trial. */
    static final class EngineClient implements PostgresTarget.Client {

        private final PostgresEngine engine;
        private final PostgresSettings settings;
        private final Path directory;

        /**
         * @param url      the JDBC url
         * @param login    the user and password
         * @param schema   the engine's schema; the engine makes it on first use
         * @param readFrom the engine's {@code read_from}
         */
        EngineClient(String url, PostgresLogin login, String schema, String readFrom) {
            settings = PostgresSettings.of(url, login.user(), login.password()).withSchema(schema)
                    .withReadFrom(ReadFrom.valueOf(readFrom.toUpperCase(Locale.ROOT)));
            engine = PostgresEngine.connect(settings);
            directory = BenchDirectories.create("postgres");
        }

        @Override
        public PostgresTarget create(String name) {
            return new PostgresEngineTarget(this,
                    engine.create(name, directory.resolve(name).toString(), Config.empty()));
        }

        @Override
        public String describe() {
            return "postgres engine, pool of " + settings.poolSize() + ", schema " + settings.schema()
                    + ", read_from " + settings.readFrom().name().toLowerCase(Locale.ROOT);
        }

        @Override
        public void close() {
            try {
                engine.close();
            } finally {
                BenchDirectories.delete(directory);
            }
        }
    }
}
