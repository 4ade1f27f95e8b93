package dev.slipway.api;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the host gives a strategy for one stage of one deployment. Strategies use this and never
 * global state or the service's own configuration.
 */
public interface StageContext {

    String app();

    UUID deploymentId();

    /** A directory this stage may write to; it belongs to this deployment. */
    Path workDir();

    /** Environment for processes this stage runs: the app's env plus what the host passes through. */
    Map<String, String> env();

    /** Stage log, streamed to the user. */
    StageLog log();

    /**
     * This strategy's settings ({@code slipway.plugins.<name>.<key>}): every key it declares in
     * {@link Strategy#settings()} that has a value or a default, type-checked by the host.
     */
    Map<String, String> config();

    /** Where the app's own code runs; strategies run builds, hooks and processes only through it. */
    default Sandbox sandbox() {
        return Sandbox.none();
    }

    /** This plugin's own key-value storage, kept across deployments and restarts. */
    default PluginStorage storage() {
        return PluginStorage.unavailable();
    }

    /** This deployment's metadata: what earlier stages of it recorded, for the later ones. */
    default DeploymentMetadata metadata() {
        return DeploymentMetadata.none();
    }

    /**
     * Runs a program of the app's (an argument array, never a shell string) in its {@link #sandbox()},
     * with this context's env and log.
     */
    default void run(List<String> command, Path dir, Duration timeout) throws StageException {
        Commands.run(sandbox(), command, dir, env(), log(), timeout);
    }
}
