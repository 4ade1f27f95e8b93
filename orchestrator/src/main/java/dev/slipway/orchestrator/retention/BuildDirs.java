package dev.slipway.orchestrator.retention;

import java.nio.file.Path;
import java.util.UUID;

/** Which deployment's build directory an artifact lives in: {@code <home>/builds/<app>/<deployment>/<attempt>/…}. */
final class BuildDirs {

    private BuildDirs() {
    }

    /** The deployment, or null when the artifact is not under a build directory of {@code app}. */
    static UUID deploymentOf(Path root, String app) {
        if (root == null) {
            return null;
        }
        Path normal = root.normalize();
        for (int i = 0; i + 2 < normal.getNameCount(); i++) {
            if (normal.getName(i).toString().equals("builds") && normal.getName(i + 1).toString().equals(app)) {
                try {
                    return UUID.fromString(normal.getName(i + 2).toString());
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
