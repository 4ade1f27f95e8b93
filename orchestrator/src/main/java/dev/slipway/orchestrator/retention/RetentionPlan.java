package dev.slipway.orchestrator.retention;

import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Which deployments of one app no longer need their files: everything but the newest {@code keep}
 * releases (the ones a rollback may return to), the serving one, any deployment still running,
 * and the builds those reuse — a rollback runs an earlier deployment's build, so that build
 * directory and source stay while anything kept points at them. Pure.
 */
public final class RetentionPlan {

    /**
     * One deployment as retention sees it.
     *
     * @param release the release number it became, or null (failed, rolled back, or still running)
     * @param build   the deployment whose build directory holds its artifact (itself, or an earlier one after a rollback)
     * @param source  its source archive
     */
    public record Candidate(UUID id, boolean terminal, Integer release, UUID build, String source) {
    }

    /** What to remove: the deployments whose directories go, and the source archives nothing kept uses. */
    public record Pruned(List<UUID> deployments, List<String> sources) {
    }

    private RetentionPlan() {
    }

    public static Pruned of(List<Candidate> deployments, UUID current, int keep) {
        Set<UUID> kept = new HashSet<>();
        if (current != null) {
            kept.add(current);
        }
        deployments.stream().filter(d -> d.release() != null)
                .sorted(Comparator.comparing(Candidate::release).reversed())
                .limit(keep)
                .forEach(d -> kept.add(d.id()));
        deployments.stream().filter(d -> !d.terminal()).forEach(d -> kept.add(d.id()));
        Set<UUID> needed = new HashSet<>(kept);
        Set<String> sources = new HashSet<>();
        for (Candidate d : deployments) {
            if (kept.contains(d.id())) {
                if (d.build() != null) {
                    needed.add(d.build());
                }
                sources.add(d.source());
            }
        }
        List<Candidate> gone = deployments.stream().filter(d -> !needed.contains(d.id())).toList();
        return new Pruned(gone.stream().map(Candidate::id).toList(),
                gone.stream().map(Candidate::source).filter(s -> s != null && !sources.contains(s)).distinct().toList());
    }
}
