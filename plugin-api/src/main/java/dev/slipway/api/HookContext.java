package dev.slipway.api;

import dev.slipway.api.config.AppConfig;
import java.util.List;

/**
 * What a {@link LifecycleHook} gets at a hook point. What each accessor holds depends on the point
 * ({@code docs/hooks.md} is the catalogue):
 * <ul>
 *   <li>{@code post_build}, {@code pre_deploy}: no release runs yet; {@link #release()} describes the
 *       release to be (its id is the deployment's, {@code upstreamPort} 0, attribute {@code pending=true}),
 *       {@link #artifact()} is what the build produced.</li>
 *   <li>{@code post_deploy}, {@code pre_stop}: the release it runs beside, running.</li>
 *   <li>{@code app_created}, {@code config_changed}, {@code app_destroyed}: outside any deployment;
 *       {@link #release()} and {@link #artifact()} are the app's serving release, or {@code null} when it
 *       has none (always at {@code app_created} and {@code app_destroyed}), {@link #env()} is empty and
 *       the sandbox runs nothing.</li>
 * </ul>
 */
public interface HookContext extends StageContext {

    /** The release the hook runs beside, or the release to be; {@code null} at an app point without one. */
    DeploymentInfo release();

    /** What the release is built from; {@code null} at an app point without a release. */
    BuildArtifact artifact();

    /** The app's configuration; at {@code app_created} the empty configuration. Its sealed vars are never opened here. */
    AppConfig appConfig();

    /** At {@code config_changed}: the names of the config vars set or removed, sorted; never their values. Empty elsewhere. */
    default List<String> changedKeys() {
        return List.of();
    }
}
