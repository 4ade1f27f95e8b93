package dev.slipway.api;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Picks one strategy of a kind: the one configuration names, or else the first, by priority, whose
 * {@code accept()} says yes. A strategy whose {@code accept()} throws is reported and skipped.
 */
public final class StrategySelector {

    /** A choice and why it was made, e.g. {@code "toolchain node: package.json found"}. */
    public record Selection<T extends Strategy>(T strategy, String reason) {
    }

    private StrategySelector() {
    }

    /**
     * @param kind       what is chosen, for messages: "builder", "toolchain", "deployer"
     * @param candidates every registered strategy of that kind
     * @param configured the name the configuration gives, or {@code null} to auto-detect
     * @param accepts    the strategy's {@code accept()} applied to what is to be handled
     * @param subject    what is being handled, for messages: "the source tree", "the build artifact"
     */
    public static <T extends Strategy> Selection<T> select(String kind, List<T> candidates, String configured,
                                                           Predicate<T> accepts, String subject, StageLog log)
            throws StageException {
        if (configured != null) {
            Optional<T> named = candidates.stream().filter(s -> s.name().equals(configured)).findFirst();
            if (named.isEmpty()) {
                throw new StageException(kind + " \"" + configured + "\" is unknown; known: " + names(candidates));
            }
            return new Selection<>(named.get(), "named in configuration");
        }
        List<T> ordered = candidates.stream()
                .sorted(Comparator.comparingInt(Strategy::priority).reversed().thenComparing(Strategy::name))
                .collect(Collectors.toList());
        for (T candidate : ordered) {
            try {
                if (accepts.test(candidate)) {
                    return new Selection<>(candidate, "auto-detected: " + candidate.name() + " accepts " + subject
                            + " (asked in order: " + names(ordered) + ")");
                }
            } catch (RuntimeException e) {
                log.line(kind + " " + candidate.name() + " failed while inspecting " + subject + " and was skipped: " + e);
            }
        }
        throw new StageException("no " + kind + " accepts " + subject + "; known: " + names(ordered)
                + ". Name one in slipway.toml or add the files one of them looks for.");
    }

    public static String names(List<? extends Strategy> strategies) {
        return strategies.isEmpty() ? "(none)"
                : strategies.stream().map(Strategy::name).collect(Collectors.joining(", "));
    }
}
