package dev.slipway.workers.stage;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.BuildContext;
import dev.slipway.api.DeployContext;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.HookContext;
import dev.slipway.api.LanguageToolchain;
import dev.slipway.api.ProxyContext;
import dev.slipway.api.Sandbox;
import dev.slipway.api.SourceTree;
import dev.slipway.api.StageContext;
import dev.slipway.api.StageLog;
import dev.slipway.api.config.AppConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The contexts the workers hand to strategies: plain values, nothing global. The app's stages carry its sandbox. */
final class StageContexts {

    private StageContexts() {
    }

    record Build(String app, UUID deploymentId, Path workDir, Map<String, String> env, StageLog log,
                 Map<String, String> config, Sandbox sandbox, SourceTree source, List<LanguageToolchain> toolchains)
            implements BuildContext {
    }

    record Deploy(String app, UUID deploymentId, Path workDir, Map<String, String> env, StageLog log,
                  Map<String, String> config, Sandbox sandbox, BuildArtifact artifact, AppConfig appConfig)
            implements DeployContext {
    }

    record Proxy(String app, UUID deploymentId, Path workDir, Map<String, String> env, StageLog log,
                 Map<String, String> config, List<String> domains) implements ProxyContext {
    }

    record Hook(String app, UUID deploymentId, Path workDir, Map<String, String> env, StageLog log,
                Map<String, String> config, Sandbox sandbox, DeploymentInfo release, BuildArtifact artifact,
                AppConfig appConfig, List<String> changedKeys) implements HookContext {
    }

    record Plain(String app, UUID deploymentId, Path workDir, Map<String, String> env, StageLog log,
                 Map<String, String> config) implements StageContext {
    }
}
