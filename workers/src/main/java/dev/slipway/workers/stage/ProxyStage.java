package dev.slipway.workers.stage;

import dev.slipway.api.ProxyStrategy;
import dev.slipway.api.StageException;
import dev.slipway.api.StageLog;
import dev.slipway.api.StrategySelector;
import dev.slipway.api.event.ProxyConfigured;
import dev.slipway.api.event.ProxyFailed;
import dev.slipway.api.event.ProxyRequested;
import dev.slipway.api.event.ProxyStarted;
import dev.slipway.workers.WorkerConfig;
import dev.slipway.workers.plugin.PluginRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The proxy role: routes an app's domains to a release through the server's proxy strategy. */
@ApplicationScoped
public class ProxyStage {

    private final CommandInbox inbox;
    private final PluginRegistry plugins;
    private final StageEnvironment environment;
    private final StageLogs logs;
    private final Facts facts;
    private final String strategyName;

    public ProxyStage(CommandInbox inbox, PluginRegistry plugins, StageEnvironment environment, StageLogs logs,
                      Facts facts, WorkerConfig config) {
        this.inbox = inbox;
        this.plugins = plugins;
        this.environment = environment;
        this.logs = logs;
        this.facts = facts;
        this.strategyName = config.proxy().strategy();
    }

    @Incoming("proxy")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return inbox.handle(message, command -> {
            if (command instanceof ProxyRequested proxy) {
                configure(proxy);
            }
        });
    }

    void configure(ProxyRequested command) {
        StageLog log = logs.of(command, "proxy");
        try {
            StrategySelector.Selection<ProxyStrategy> chosen = StrategySelector.select("proxy", plugins.proxies(),
                    strategyName, proxy -> true, "the release", log);
            ProxyStrategy proxy = chosen.strategy();
            String reason = "configured for this server in slipway.proxy.strategy";
            facts.publish(new ProxyStarted(command.deploymentId(), command.app(), command.attempt(), proxy.name(), reason));
            StageContexts.Proxy context = new StageContexts.Proxy(command.app(), command.deploymentId(),
                    environment.home("proxy"), environment.env(Map.of()), log, environment.settings(proxy.name()),
                    command.domains());
            proxy.configure(command.release(), context);
            facts.publish(new ProxyConfigured(command.deploymentId(), command.app(), command.attempt(),
                    proxy.urls(context)));
        } catch (StageException e) {
            fail(command, log, e.getMessage());
        } catch (RuntimeException e) {
            fail(command, log, "the proxy strategy failed unexpectedly: " + e);
        }
    }

    private void fail(ProxyRequested command, StageLog log, String reason) {
        log.line("proxy failed: " + reason);
        facts.publish(new ProxyFailed(command.deploymentId(), command.app(), command.attempt(), reason));
    }
}
