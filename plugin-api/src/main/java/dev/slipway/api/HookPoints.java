package dev.slipway.api;

import java.util.List;
import java.util.Set;

/**
 * The catalogue of hook points: where in an app's life {@link LifecycleHook}s are called. What each
 * receives is documented in {@code docs/hooks.md}; the points that can veto fail their step when
 * a subscriber fails, the others only report the failure.
 */
public final class HookPoints {

    public static final String POST_BUILD = "post_build";
    public static final String PRE_DEPLOY = "pre_deploy";
    public static final String POST_DEPLOY = "post_deploy";
    public static final String PRE_STOP = "pre_stop";
    public static final String APP_CREATED = "app_created";
    public static final String APP_DESTROYED = "app_destroyed";
    public static final String CONFIG_CHANGED = "config_changed";

    /** Every point, in the order of an app's life. */
    public static final List<String> ALL = List.of(APP_CREATED, CONFIG_CHANGED, POST_BUILD, PRE_DEPLOY, POST_DEPLOY,
            PRE_STOP, APP_DESTROYED);

    /** The points outside any deployment: an app was created, its config vars changed, it was deleted. */
    public static final List<String> OF_APP = List.of(APP_CREATED, CONFIG_CHANGED, APP_DESTROYED);

    /** The points an app's own {@code [hooks]} may name: those where it has a release's tree to run in. */
    public static final List<String> OF_APP_CONFIG = List.of(POST_BUILD, PRE_DEPLOY, POST_DEPLOY, PRE_STOP);

    private static final Set<String> VETOING = Set.of(PRE_DEPLOY, POST_DEPLOY);

    private HookPoints() {
    }

    /** Whether a failing subscriber at {@code point} fails the deployment's step. */
    public static boolean vetoes(String point) {
        return VETOING.contains(point);
    }
}
