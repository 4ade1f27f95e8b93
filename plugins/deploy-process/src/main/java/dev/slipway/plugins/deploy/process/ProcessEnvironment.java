package dev.slipway.plugins.deploy.process;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.StageException;
import java.util.Map;

/** The environment a web process starts with. */
final class ProcessEnvironment {

    private ProcessEnvironment() {
    }

    /** The artifact's runtime env over the stage's, plus {@code PORT}. */
    static Map<String, String> of(Map<String, String> stageEnv, BuildArtifact artifact, int port)
            throws StageException {
        Map<String, String> env = artifact.runtimeEnv(stageEnv);
        env.put("PORT", Integer.toString(port));
        return env;
    }
}
