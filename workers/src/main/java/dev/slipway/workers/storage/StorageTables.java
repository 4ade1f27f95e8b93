package dev.slipway.workers.storage;

import dev.slipway.api.StageException;
import dev.slipway.workers.WorkerConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The two tables plugins keep things in, {@code plugin_storage} and {@code deployment_metadata}
 * (migration V9), reached as the role {@code slipway_plugins}, which may use nothing else. Every
 * call names the plugin: the callers bind it, a plugin never chooses it. Calls are awaited on the
 * caller's thread (a stage's, or an HTTP request's worker thread), never an event loop. The pool
 * connects at the first call, so a stage that keeps nothing never reaches the database.
 */
@ApplicationScoped
public class StorageTables {

    /** Values come back as text: the client would turn jsonb into its own objects. */
    private static final String STORED = "value::text";

    private final Pool pool;
    private final Duration timeout;

    @Inject
    public StorageTables(Pool pool, WorkerConfig config) {
        this(pool, config.storage().timeout());
    }

    StorageTables(Pool pool, Duration timeout) {
        this.pool = pool;
        this.timeout = timeout;
    }

    Optional<String> get(String plugin, String key) throws StageException {
        RowSet<Row> rows = await(StorageRules.STORAGE, pool.preparedQuery(
                "select " + STORED + " from plugin_storage where plugin = $1 and key = $2").execute(Tuple.of(plugin, key)));
        return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getString(0));
    }

    void put(String plugin, String key, String json, long quota) throws StageException {
        written(plugin, quota, client -> client.preparedQuery("insert into plugin_storage (plugin, key, value) "
                        + "values ($1, $2, $3::text::jsonb) on conflict (plugin, key) "
                        + "do update set value = excluded.value, updated_at = now()")
                .execute(Tuple.of(plugin, key, json)));
    }

    boolean delete(String plugin, String key) throws StageException {
        return await(StorageRules.STORAGE, pool.preparedQuery("delete from plugin_storage where plugin = $1 and key = $2")
                .execute(Tuple.of(plugin, key))).rowCount() == 1;
    }

    Map<String, String> list(String plugin, String prefix) throws StageException {
        RowSet<Row> rows = await(StorageRules.STORAGE, pool.preparedQuery("select key, " + STORED
                + " from plugin_storage where plugin = $1 and starts_with(key, $2) order by key collate \"C\"")
                .execute(Tuple.of(plugin, prefix)));
        Map<String, String> found = new LinkedHashMap<>();
        rows.forEach(row -> found.put(row.getString(0), row.getString(1)));
        return found;
    }

    /** {@code expected} and {@code json} null mean "absent"; values are compared as JSON, not as spellings. */
    boolean compareAndSet(String plugin, String key, String expected, String json, long quota) throws StageException {
        Tuple target = Tuple.of(plugin, key);
        if (expected == null && json == null) {
            return get(plugin, key).isEmpty();
        }
        if (expected == null) {
            return written(plugin, quota, client -> client.preparedQuery("insert into plugin_storage (plugin, key, value) "
                    + "values ($1, $2, $3::text::jsonb) on conflict (plugin, key) do nothing")
                    .execute(target.addString(json)));
        }
        if (json == null) {
            return await(StorageRules.STORAGE, pool.preparedQuery("delete from plugin_storage "
                    + "where plugin = $1 and key = $2 and value = $3::text::jsonb").execute(target.addString(expected)))
                    .rowCount() == 1;
        }
        return written(plugin, quota, client -> client.preparedQuery("update plugin_storage "
                + "set value = $4::text::jsonb, updated_at = now() where plugin = $1 and key = $2 and value = $3::text::jsonb")
                .execute(target.addString(expected).addString(json)));
    }

    /**
     * Writes, then counts what the plugin keeps now and takes the write back if that is over its
     * quota. Writes of one plugin queue on an advisory lock, so two of them cannot both slip under
     * the quota. Whether a row changed.
     */
    private boolean written(String plugin, long quota, java.util.function.Function<SqlClient, Uni<RowSet<Row>>> write)
            throws StageException {
        return await(StorageRules.STORAGE, pool.withTransaction(connection -> connection
                .preparedQuery("select pg_advisory_xact_lock(hashtextextended('slipway plugin storage ' || $1, 0))")
                .execute(Tuple.of(plugin))
                .chain(locked -> write.apply(connection))
                .chain(changed -> connection.preparedQuery("select coalesce(sum(octet_length(key) + octet_length("
                                + STORED + ")), 0) from plugin_storage where plugin = $1")
                        .execute(Tuple.of(plugin))
                        .map(used -> {
                            long bytes = used.iterator().next().getLong(0);
                            if (bytes > quota) {
                                throw new Refused(StorageRules.STORAGE + ": plugin " + plugin + " would keep " + bytes
                                        + " bytes, over its quota of " + quota + " (slipway.storage.quota-bytes); "
                                        + "nothing was written");
                            }
                            return changed.rowCount() == 1;
                        }))));
    }

    Map<String, String> metadata(UUID deploymentId, String plugin) throws StageException {
        RowSet<Row> rows = await(StorageRules.METADATA, pool.preparedQuery("select key, value from deployment_metadata "
                + "where deployment_id = $1 and plugin = $2 order by key collate \"C\"").execute(Tuple.of(deploymentId, plugin)));
        Map<String, String> found = new LinkedHashMap<>();
        rows.forEach(row -> found.put(row.getString(0), row.getString(1)));
        return found;
    }

    void putMetadata(UUID deploymentId, String plugin, String key, String value, int maxKeys) throws StageException {
        await(StorageRules.METADATA, pool.withTransaction(connection -> connection.preparedQuery(
                        "insert into deployment_metadata (deployment_id, plugin, key, value) values ($1, $2, $3, $4) "
                                + "on conflict (deployment_id, plugin, key) do update set value = excluded.value, recorded_at = now()")
                .execute(Tuple.of(deploymentId, plugin, key, value))
                .chain(written -> connection.preparedQuery(
                                "select count(*) from deployment_metadata where deployment_id = $1 and plugin = $2")
                        .execute(Tuple.of(deploymentId, plugin)))
                .map(keys -> {
                    long count = keys.iterator().next().getLong(0);
                    if (count > maxKeys) {
                        throw new Refused(StorageRules.METADATA + ": plugin " + plugin + " may put at most " + maxKeys
                                + " keys per deployment (slipway.storage.max-metadata-keys); " + key + " was not put");
                    }
                    return count;
                })));
    }

    private <T> T await(String store, Uni<T> call) throws StageException {
        try {
            return call.await().atMost(timeout);
        } catch (Refused e) {
            throw new StageException(e.getMessage());
        } catch (io.smallrye.mutiny.TimeoutException e) {
            throw new StorageUnavailable(store + ": the database did not answer within " + timeout.toSeconds()
                    + " s (slipway.storage.timeout)");
        } catch (PgException e) {
            if ("23503".equals(e.getSqlState())) {
                throw new StageException(store + ": the database knows no such deployment");
            }
            throw new StorageUnavailable(store + ": the database refused: " + e.getErrorMessage() + " (SQLSTATE "
                    + e.getSqlState() + ")");
        } catch (RuntimeException e) {
            throw new StorageUnavailable(store + ": the database cannot be reached: " + e.getMessage());
        }
    }

    /** A write the host takes back; said to the plugin as it is. */
    private static final class Refused extends RuntimeException {
        Refused(String message) {
            super(message, null, false, false);
        }
    }
}
