package dev.slipway.workers.stage;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.BuildContext;
import dev.slipway.api.DeployContext;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.DeploymentMetadata;
import dev.slipway.api.HookContext;
import dev.slipway.api.LanguageToolchain;
import dev.slipway.api.PluginStorage;
import dev.slipway.api.ProcessMonitor;
import dev.slipway.api.ProxyContext;
import dev.slipway.api.Sandbox;
import dev.slipway.api.SourceTree;
import dev.slipway.api.StageContext;
import dev.slipway.api.StageException;
import dev.slipway.api.StageLog;
import dev.slipway.api.config.AppConfig;
import dev.slipway.workers.storage.PluginServices;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The contexts the workers hand to strategies: plain values, nothing global. The app's stages carry
 * its sandbox; every context carries the storage and metadata of the plugin its strategy came from.
 */
final class StageContexts {

    private StageContexts() {
    }

    /** A context that carries its plugin's stores: its storage and metadata are theirs. */
    interface Hosted extends StageContext {

        PluginServices.Stores stores();

        @Override
        default PluginStorage storage() {
            return stores().storage();
        }

        @Override
        default DeploymentMetadata metadata() {
            return stores().metadata();
        }
    }

    record Build(String app, UUID deploymentId, Path workDir, Map<String, String> env, StageLog log,
                 Map<String, String> config, PluginServices.Stores stores, Sandbox sandbox, SourceTree source,
                 List<LanguageToolchain> toolchains, HostPrograms programs)
            implements BuildContext, Hosted {

        @Override
        public void requirePrograms(String who, List<String> needed) throws StageException {
            programs.require(who, needed, env, log);
        }
    }

    record Deploy(String app, UUID deploymentId, Path workDir, Map<String, String> env, StageLog log,
                  Map<String, String> config, PluginServices.Stores stores, Sandbox sandbox, BuildArtifact artifact,
                  AppConfig appConfig, ProcessMonitor processes)
            implements DeployContext, Hosted {
    }

    record Proxy(String app, UUID deploymentId, Path workDir, Map<String, String> env, StageLog log,
                 Map<String, String> config, PluginServices.Stores stores, List<String> domains)
            implements ProxyContext, Hosted {
    }

    record Hook(String app, UUID deploymentId, Path workDir, Map<String, String> env, StageLog log,
                Map<String, String> config, PluginServices.Stores stores, Sandbox sandbox, DeploymentInfo release,
                BuildArtifact artifact, AppConfig appConfig, List<String> changedKeys) implements HookContext, Hosted {
    }

    record Plain(String app, UUID deploymentId, Path workDir, Map<String, String> env, StageLog log,
                 Map<String, String> config, PluginServices.Stores stores) implements Hosted {
    }
}
