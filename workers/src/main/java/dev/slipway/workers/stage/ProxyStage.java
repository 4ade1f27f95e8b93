package dev.slipway.workers.stage;

import dev.slipway.api.ProxyStrategy;
import dev.slipway.api.StageException;
import dev.slipway.api.StageLog;
import dev.slipway.api.StrategySelector;
import dev.slipway.api.event.ProxyConfigured;
import dev.slipway.api.event.ProxyFailed;
import dev.slipway.api.event.ProxyRemovalRequested;
import dev.slipway.api.event.ProxyRequested;
import dev.slipway.api.event.SlipwayEvent;
import dev.slipway.api.event.ProxyStarted;
import dev.slipway.workers.WorkerConfig;
import dev.slipway.workers.plugin.StagePlugins;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/** The proxy role: routes an app's domains to a release through the server's proxy strategy. */
@ApplicationScoped
public class ProxyStage {

    private static final Logger LOG = Logger.getLogger(ProxyStage.class);

    private final StageSupport stages;
    private final String strategyName;

    public ProxyStage(StageSupport stages, WorkerConfig config) {
        this.stages = stages;
        this.strategyName = config.proxy().strategy();
    }

    @Incoming("proxy")
    @Blocking
    public CompletionStage<Void> consume(Message<String> message) {
        return stages.inbox().handle(message, command -> {
            if (command instanceof ProxyRequested proxy) {
                configure(proxy);
            } else if (command instanceof ProxyRemovalRequested removal) {
                remove(removal);
            }
        });
    }

    void configure(ProxyRequested command) {
        StageLogs.MaskedLog log = stages.log(command, "proxy");
        try (StagePlugins plugins = stages.plugins(command, log)) {
            ProxyStrategy proxy = proxy(plugins, log);
            String reason = "configured for this server in slipway.proxy.strategy";
            stages.report(new ProxyStarted(command.deploymentId(), command.app(), command.attempt(), proxy.name(), reason,
                    plugins.used(proxy)));
            StageContexts.Proxy context = context(command, proxy, plugins, log, command.domains());
            proxy.configure(command.release(), context);
            stages.report(new ProxyConfigured(command.deploymentId(), command.app(), command.attempt(),
                    proxy.urls(context)));
        } catch (StageException e) {
            fail(command, log, e.getMessage(), e.retryable());
        } catch (RuntimeException e) {
            fail(command, log, "the proxy strategy failed unexpectedly: " + e, false);
        }
    }

    /** The app is gone: its routes go too. Nobody waits for an answer, so failures are only logged. */
    void remove(ProxyRemovalRequested command) {
        StageLog log = stages.log(command, "proxy");
        try (StagePlugins plugins = stages.plugins(command, log)) {
            ProxyStrategy proxy = proxy(plugins, log);
            proxy.remove(command.app(), context(command, proxy, plugins, log, List.of()));
            log.line("routes of " + command.app() + " removed");
        } catch (StageException | RuntimeException e) {
            LOG.errorf("routes of deleted app %s could not be removed: %s", command.app(), e.getMessage());
        }
    }

    private ProxyStrategy proxy(StagePlugins plugins, StageLog log) throws StageException {
        return plugins.select("proxy", plugins.proxies(), strategyName, proxy -> true, "the release", log).strategy();
    }

    private StageContexts.Proxy context(SlipwayEvent command, ProxyStrategy proxy, StagePlugins plugins, StageLog log,
                                        List<String> domains) {
        return new StageContexts.Proxy(command.app(), command.deploymentId(), stages.environment().home("proxy"),
                stages.environment().baseEnv(), log, plugins.settings(proxy), stages.stores(proxy, command),
                domains);
    }

    private void fail(ProxyRequested command, StageLogs.MaskedLog log, String reason, boolean retryable) {
        stages.fail(log, "proxy", reason, retryable, masked -> new ProxyFailed(command.deploymentId(), command.app(),
                command.attempt(), masked, retryable));
    }
}
