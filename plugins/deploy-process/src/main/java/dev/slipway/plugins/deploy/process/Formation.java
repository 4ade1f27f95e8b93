package dev.slipway.plugins.deploy.process;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.StageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which processes a release runs: its formation's count of every process type the artifact has
 * (one when it names none), {@code web} first, each numbered from 1.
 */
final class Formation {

    static final String WEB = "web";
    /** Heroku's release phase: a command run once before a release goes live, never a process that stays up. */
    static final String RELEASE = "release";

    private Formation() {
    }

    /** @param formation process type to count; {@code null} = one of each */
    static List<Instance> instances(BuildArtifact artifact, Map<String, Integer> formation) throws StageException {
        Map<String, String> processes = artifact.processes();
        if (!processes.containsKey(WEB)) {
            throw new StageException("no web process: add [run] web = \"…\" to slipway.toml or a Procfile line"
                    + " `web: …` (the " + artifact.toolchain() + " toolchain has no default for this app)");
        }
        Map<String, Integer> counts = formation == null ? Map.of() : formation;
        if (counts.getOrDefault(WEB, 1) < 1) {
            throw new StageException("the formation has web=0: the app would serve nothing; scale web to 1 or more");
        }
        List<Instance> instances = new ArrayList<>();
        TreeMap<String, String> types = new TreeMap<>(processes);
        types.remove(RELEASE);
        String web = types.remove(WEB);
        add(instances, WEB, web, counts);
        types.forEach((type, command) -> add(instances, type, command, counts));
        return instances;
    }

    private static void add(List<Instance> instances, String type, String command, Map<String, Integer> counts) {
        for (int index = 1; index <= counts.getOrDefault(type, 1); index++) {
            instances.add(new Instance(type, index, command));
        }
    }
}
