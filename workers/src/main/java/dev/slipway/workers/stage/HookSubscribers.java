package dev.slipway.workers.stage;

import dev.slipway.api.HookContext;
import dev.slipway.api.LifecycleHook;
import dev.slipway.api.StageException;
import dev.slipway.api.StageLog;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Runs every subscriber of a hook point, each on its own: they are independent and unordered, so
 * one that fails (or whose {@code accept()} fails) is recorded and the others still run. Whether a
 * failure fails the step is the caller's to decide ({@code HookPoints.vetoes}); here it is only said.
 */
final class HookSubscribers {

    /** Makes the context a subscriber gets; failing here fails that subscriber alone. */
    interface Contexts {
        HookContext of(LifecycleHook hook) throws StageException;
    }

    /**
     * @param ran      the subscribers that ran and succeeded, by name
     * @param failures  one "name: why" per subscriber that failed
     * @param retryable whether every failure was retryable, so running the point again may succeed
     */
    record Outcome(List<String> ran, List<String> failures, boolean retryable) {
        Outcome {
            ran = List.copyOf(ran);
            failures = List.copyOf(failures);
        }

        boolean failed() {
            return !failures.isEmpty();
        }

        /** What the hook event says: every failing subscriber with its reason. */
        String reason() {
            return (failures.size() == 1 ? "subscriber " : failures.size() + " subscribers failed: ")
                    + String.join("; ", failures);
        }
    }

    private HookSubscribers() {
    }

    /** @param accepts whether a hook subscribes to the point and accepts it; throwing counts as its failure */
    static Outcome run(String point, List<LifecycleHook> hooks, Predicate<LifecycleHook> accepts, Contexts contexts,
                       StageLog log) {
        List<String> ran = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        boolean retryable = true;
        for (LifecycleHook hook : hooks) {
            String name = hook.name();
            try {
                if (!accepts.test(hook)) {
                    continue;
                }
            } catch (RuntimeException e) {
                retryable = false;
                fail(point, name, "accept() failed: " + e.getMessage(), failures, log);
                continue;
            }
            log.line(point + ": running " + name);
            try {
                hook.run(point, contexts.of(hook));
                ran.add(name);
                log.line(point + ": " + name + " done");
            } catch (StageException e) {
                retryable &= e.retryable();
                fail(point, name, e.getMessage(), failures, log);
            } catch (RuntimeException | LinkageError e) {
                // A plugin's bug: reported as its failure, never the worker's.
                retryable = false;
                fail(point, name, "failed unexpectedly: " + e, failures, log);
            }
        }
        if (ran.isEmpty() && failures.isEmpty()) {
            log.line(point + ": no hook subscribes to it here, nothing to run");
        }
        return new Outcome(ran, failures, retryable && !failures.isEmpty());
    }

    private static void fail(String point, String name, String why, List<String> failures, StageLog log) {
        failures.add(name + ": " + why);
        log.line(point + ": " + name + " failed: " + why);
    }
}
