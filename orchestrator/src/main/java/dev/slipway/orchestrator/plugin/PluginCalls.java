package dev.slipway.orchestrator.plugin;

import dev.slipway.messaging.EventCodec;
import dev.slipway.messaging.PluginReply;
import dev.slipway.messaging.PluginRequest;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Requests to plugins' REST extensions over the bus: each sent on {@code slipway.plugin-requests}
 * to the worker it names, and completed by the reply with its id on {@code slipway.plugin-replies},
 * which every orchestrator replica reads whole (a group of its own); a replica completes only the
 * requests it sent, the others' replies find nothing waiting.
 */
@ApplicationScoped
public class PluginCalls {

    private static final Logger LOG = Logger.getLogger(PluginCalls.class);

    private final MutinyEmitter<String> requests;
    private final Map<UUID, CompletableFuture<PluginReply>> waiting = new ConcurrentHashMap<>();

    public PluginCalls(@Channel("plugin-requests") MutinyEmitter<String> requests) {
        this.requests = requests;
    }

    /** The reply, or empty when none came within {@code timeout}; a failure when the request could not be sent. */
    public Uni<Optional<PluginReply>> call(PluginRequest request, Duration timeout) {
        CompletableFuture<PluginReply> reply = new CompletableFuture<>();
        waiting.put(request.id(), reply);
        CompletableFuture<Optional<PluginReply>> answer = reply.thenApply(Optional::of)
                .completeOnTimeout(Optional.empty(), timeout.toMillis(), TimeUnit.MILLISECONDS)
                .whenComplete((r, e) -> waiting.remove(request.id()));
        return requests.sendMessage(Message.of(EventCodec.encode(request)).addMetadata(
                        OutgoingKafkaRecordMetadata.<String>builder().withKey(request.worker()).build()))
                .onFailure().invoke(e -> waiting.remove(request.id()))
                .chain(() -> Uni.createFrom().completionStage(answer));
    }

    @Incoming("plugin-replies")
    public void consume(String payload) {
        PluginReply reply;
        try {
            reply = EventCodec.decodePluginReply(payload);
        } catch (EventCodec.MalformedMessageException e) {
            LOG.warnf("unreadable plugin reply ignored: %s", e.getMessage());
            return;
        }
        CompletableFuture<PluginReply> waiter = waiting.get(reply.id());
        if (waiter != null) {
            waiter.complete(reply);
        }
    }
}
