package dev.slipway.api.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.ProxyStrategy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contract of a {@link ProxyStrategy}: a plugin's test extends it, says how to make the proxy
 * and the settings it needs on this machine, and inherits these tests. Routing a static release is
 * repeatable, removing is repeatable, and every domain gets its URL.
 */
public abstract class ProxyContract extends StrategyContract<ProxyStrategy> {

    @TempDir
    protected Path site;
    @TempDir
    protected Path workDir;

    protected ProxyContract() {
        super(ProxyStrategy.class);
    }

    /** The context the proxy runs in; override to change the domains. */
    protected FakeStageContext context(Path workDir) throws Exception {
        return FakeStageContext.in(workDir).domains(List.of("demo.slipway.test", "www.demo.test"))
                .config(effectiveSettings());
    }

    /** A release to route to: a static site by default. */
    protected DeploymentInfo release(FakeStageContext context) throws Exception {
        Files.writeString(site.resolve("index.html"), "<h1>contract</h1>");
        return DeploymentInfo.staticFiles(context.app(), "1", "static", site, Map.of());
    }

    @Test
    void everyDomainGetsItsUrl() throws Exception {
        FakeStageContext context = context(workDir);
        List<String> urls = strategy().urls(context);
        assertEquals(context.domains().size(), urls.size(), "one URL per domain: " + urls);
        for (int i = 0; i < urls.size(); i++) {
            assertTrue(urls.get(i).contains(context.domains().get(i)), urls.get(i) + " names " + context.domains().get(i));
        }
    }

    @Test
    void routingAndRemovingCanBeRepeated() throws Exception {
        ProxyStrategy proxy = strategy();
        FakeStageContext context = context(workDir);
        DeploymentInfo release = release(context);
        proxy.configure(release, context);
        proxy.configure(release, context);
        proxy.remove(context.app(), context);
        proxy.remove(context.app(), context);
    }

    @Test
    void removingAnAppItNeverRoutedIsNoError() throws Exception {
        FakeStageContext context = context(workDir).app("never-routed");
        strategy().remove(context.app(), context);
    }
}
