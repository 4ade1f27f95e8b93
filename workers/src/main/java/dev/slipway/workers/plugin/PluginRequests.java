package dev.slipway.workers.plugin;

import dev.slipway.api.HttpExtension;
import dev.slipway.api.PluginStorage;
import dev.slipway.messaging.EventCodec;
import dev.slipway.messaging.PluginReply;
import dev.slipway.messaging.PluginRequest;
import dev.slipway.workers.isolation.SecretMask;
import dev.slipway.workers.stage.WorkerIdentity;
import dev.slipway.workers.storage.PluginServices;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Serves plugins' REST extensions: reads every request on {@code slipway.plugin-requests} (each
 * worker in a consumer group of its own), handles those addressed to this worker, and answers on
 * {@code slipway.plugin-replies}. Requests are handled side by side, each on a thread of its own.
 */
@ApplicationScoped
public class PluginRequests {

    private static final Logger LOG = Logger.getLogger(PluginRequests.class);
    private static final Pattern JAAS_PASSWORD = Pattern.compile("password=\"([^\"]*)\"");

    private final PluginRegistry registry;
    private final PluginServices services;
    private final MutinyEmitter<String> replies;
    private final String worker;
    private final HttpDispatcher dispatcher;
    /** What no error message of a plugin may show: the worker's own bus password. */
    private final List<String> workerSecrets;

    public PluginRequests(PluginRegistry registry, PluginServices services,
                          @Channel("plugin-replies") MutinyEmitter<String> replies, WorkerIdentity identity, Config config) {
        this.registry = registry;
        this.services = services;
        this.replies = replies;
        this.worker = identity.name();
        this.dispatcher = new HttpDispatcher(worker, (extension, failure) ->
                registry.reportFailure(HttpDispatcher.KIND, extension, failure));
        this.workerSecrets = config.getOptionalValue("kafka.sasl.jaas.config", String.class)
                .map(JAAS_PASSWORD::matcher).filter(Matcher::find).map(m -> List.of(m.group(1))).orElse(List.of());
    }

    @Incoming("plugin-requests")
    @Blocking(ordered = false)
    public void consume(String payload) {
        PluginRequest request;
        try {
            request = EventCodec.decodePluginRequest(payload);
        } catch (EventCodec.MalformedMessageException e) {
            LOG.warnf("unreadable plugin request ignored: %s", e.getMessage());
            return;
        }
        if (!request.worker().equals(worker)) {
            return;
        }
        PluginReply reply = registry.httpExtension(request.plugin())
                .map(extension -> dispatch(request, extension))
                .orElseGet(() -> dispatcher.missing(request));
        replies.sendMessageAndAwait(Message.of(EventCodec.encode(reply)).addMetadata(
                OutgoingKafkaRecordMetadata.<String>builder().withKey(reply.id().toString()).build()));
    }

    private PluginReply dispatch(PluginRequest request, HttpExtension extension) {
        Map<String, String> settings = registry.settings(extension);
        List<String> secrets = new ArrayList<>(settings.values());
        secrets.addAll(workerSecrets);
        HttpExtension.Context context = new ExtensionContext(settings, services.storage(request.plugin()));
        return dispatcher.dispatch(request, extension, context, SecretMask.of(secrets));
    }

    /** What an extension is given: its settings and its storage. */
    record ExtensionContext(Map<String, String> config, PluginStorage storage) implements HttpExtension.Context {
    }
}
