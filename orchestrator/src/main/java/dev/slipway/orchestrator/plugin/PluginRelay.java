package dev.slipway.orchestrator.plugin;

import dev.slipway.api.event.Topics;
import dev.slipway.messaging.PluginDelivery;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Publishes each installed plugin's row, as it is now, on the compacted {@value Topics#PLUGINS}:
 * the file, or a tombstone for a removed one (whose row then goes). The table is its own outbox, as
 * {@code OutboxRelay} does it for commands: the row stays locked ({@code SKIP LOCKED}, so replicas
 * relay side by side) until Kafka acknowledged it, so an install or removal that committed is
 * published even when the orchestrator dies in between, and never overtaken by an older one.
 */
@ApplicationScoped
public class PluginRelay {

    private static final Logger LOG = Logger.getLogger(PluginRelay.class);
    /** A few files of up to tens of megabytes per pass, not a hundred. */
    private static final int BATCH = 4;

    private final Mutiny.SessionFactory sessions;
    private final MutinyEmitter<Record<String, byte[]>> plugins;
    private final Clock clock;

    public PluginRelay(Mutiny.SessionFactory sessions, @Channel("plugins") MutinyEmitter<Record<String, byte[]>> plugins,
                       Clock clock) {
        this.sessions = sessions;
        this.plugins = plugins;
        this.clock = clock;
    }

    /** Publishes now what an install or removal that just committed wrote; a failure is left to the sweep. */
    public void wake() {
        publishPending().subscribe().with(done -> { }, failure -> LOG.debugf("plugin relay: %s", failure.getMessage()));
    }

    @Scheduled(every = "${slipway.outbox.sweep:1s}", delayed = "${slipway.outbox.first-sweep:10s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sweep() {
        return publishPending();
    }

    Uni<Void> publishPending() {
        return sessions.withTransaction(session -> session.createNativeQuery("""
                                select name, kind, file_name, sha256, content, removed from installed_plugins
                                where published_at is null order by name limit ?1 for update skip locked""", Object[].class)
                .setParameter(1, BATCH)
                .getResultList()
                .chain(rows -> publishInOrder(session, rows)));
    }

    private Uni<Void> publishInOrder(Mutiny.Session session, List<Object[]> rows) {
        return Multi.createFrom().iterable(rows)
                .onItem().transformToUniAndConcatenate(row -> {
                    String name = (String) row[0];
                    boolean removed = (Boolean) row[5];
                    PluginDelivery delivery = removed ? null
                            : new PluginDelivery(name, (String) row[1], (String) row[2], ((String) row[3]).strip(), bytes(row[4]));
                    return plugins.sendMessage(message(name, delivery)).chain(() -> removed
                            ? session.createNativeQuery("delete from installed_plugins where name = ?1")
                                    .setParameter(1, name).executeUpdate()
                            : session.createNativeQuery("update installed_plugins set published_at = ?2 where name = ?1")
                                    .setParameter(1, name).setParameter(2, clock.instant()).executeUpdate())
                            .invoke(() -> LOG.infof("plugin %s published on %s%s", name, Topics.PLUGINS,
                                    removed ? " as removed" : ""));
                })
                .collect().last()
                .replaceWithVoid();
    }

    /** A bytea column of a native query: bytes, or the reactive driver's buffer when the type is not mapped. */
    private static byte[] bytes(Object column) {
        return column instanceof io.vertx.core.buffer.Buffer buffer ? buffer.getBytes() : (byte[]) column;
    }

    /** @param delivery {@code null} for the tombstone of a removed plugin */
    private static Message<Record<String, byte[]>> message(String name, PluginDelivery delivery) {
        RecordHeaders headers = new RecordHeaders();
        if (delivery != null) {
            delivery.headers().forEach(headers::add);
        }
        return Message.of(Record.of(name, delivery == null ? null : delivery.content()))
                .addMetadata(OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(Topics.PLUGINS)
                        .withKey(name)
                        .withHeaders(headers)
                        .build());
    }
}
