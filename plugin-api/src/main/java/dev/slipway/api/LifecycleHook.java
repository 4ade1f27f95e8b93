package dev.slipway.api;

import dev.slipway.api.config.AppConfig;
import java.util.List;

/** Code that runs at a hook point of a release ({@code post_deploy}, {@code pre_stop}, …). */
public interface LifecycleHook extends Strategy {

    /** The {@link HookPoints} it subscribes to; it is asked {@code accept()} only at these. */
    default List<String> points() {
        return HookPoints.ALL;
    }

    /** Cheap and free of side effects: whether this hook has something to do at {@code point}. */
    boolean accept(String point, AppConfig config);

    /** Runs the hook beside the release; throwing fails the hook. */
    void run(String point, HookContext context) throws StageException;
}
