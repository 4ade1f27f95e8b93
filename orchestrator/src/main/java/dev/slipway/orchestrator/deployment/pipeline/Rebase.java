package dev.slipway.orchestrator.deployment.pipeline;

import java.util.Map;

/**
 * What of a deployment is decided only when its turn comes, because the release the app serves may
 * change while it waits in the queue: a scale requested while new code builds must scale the new
 * code, not bring the old back.
 *
 * @param serving   a redeploy of whatever the app serves on its turn (a config change, a scale): its
 *                  build, source and configuration are that release's
 * @param formation the process counts this request sets over the serving release's formation; empty:
 *                  the serving formation as it is
 */
public record Rebase(boolean serving, Map<String, Integer> formation) {

    /** New code (an upload, a push): it keeps the formation the app serves on its turn, as on Heroku. */
    public static final Rebase NEW_CODE = new Rebase(false, Map.of());

    public Rebase {
        formation = formation == null ? Map.of() : Map.copyOf(formation);
    }

    /** A redeploy of the serving release with {@code formation} over its own. */
    public static Rebase ofServing(Map<String, Integer> formation) {
        return new Rebase(true, formation);
    }
}
