package dev.slipway.bench.noop;

import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.ProxyContext;
import dev.slipway.api.ProxyStrategy;
import java.util.List;

/** Routes nothing (chosen per server: {@code slipway.proxy.strategy=noop}); its URLs are the domains it was given. */
public class NoopProxy implements ProxyStrategy {

    @Override
    public String name() {
        return "noop";
    }

    @Override
    public void configure(DeploymentInfo release, ProxyContext context) {
        // Nothing to route: the benchmark measures the hand-offs around this call, not a proxy.
    }

    @Override
    public List<String> urls(ProxyContext context) {
        return context.domains().stream().map(domain -> "http://" + domain + "/").toList();
    }

    @Override
    public void remove(String app, ProxyContext context) {
        // Nothing was routed.
    }
}
