package dev.slipway.plugins.deploy.process;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.StageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Which processes a release runs: one of every process type, {@code web} first. */
final class Formation {

    static final String WEB = "web";
    /** Heroku's release phase: a command run once before a release goes live, never a process that stays up. */
    static final String RELEASE = "release";

    private Formation() {
    }

    static List<Instance> instances(BuildArtifact artifact) throws StageException {
        Map<String, String> processes = artifact.processes();
        if (!processes.containsKey(WEB)) {
            throw new StageException("no web process: add [run] web = \"…\" to slipway.toml or a Procfile line"
                    + " `web: …` (the " + artifact.toolchain() + " toolchain has no default for this app)");
        }
        List<Instance> instances = new ArrayList<>();
        instances.add(new Instance(WEB, 1, processes.get(WEB)));
        for (Map.Entry<String, String> type : new TreeMap<>(processes).entrySet()) {
            if (!type.getKey().equals(WEB) && !type.getKey().equals(RELEASE)) {
                instances.add(new Instance(type.getKey(), 1, type.getValue()));
            }
        }
        return instances;
    }
}
