package dev.slipway.workers.testkit;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.slipway.api.BuildArtifact;
import dev.slipway.api.Builder;
import dev.slipway.api.Deployer;
import dev.slipway.api.LifecycleHook;
import dev.slipway.api.SourceTree;
import dev.slipway.api.StageException;
import dev.slipway.api.Strategy;
import dev.slipway.api.config.AppConfig;
import dev.slipway.workers.plugin.Executables;
import dev.slipway.workers.plugin.FoundPlugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an executable plugin owes the worker as a program ({@code docs/plugin-protocol.md}),
 * besides what its kinds' suites check: it loads as a worker loads it, describes itself the same
 * every time, refuses an operation it does not know, and answers {@code accept} by its exit code.
 * Its test extends {@link ExecutableBuilderContract}, {@link ExecutableDeployerContract} or
 * {@link ExecutableHookContract}, which run these with the kind's suite.
 */
public interface ExecutableContract {

    /** The program under test, a file {@code slipway-plugin-<name>} (relative to the module, as tests run). */
    Path program();

    /** Which of its strategies of the kind under test: {@code null} (the default) for its only one. */
    default String strategyName() {
        return null;
    }

    @Test
    default void itLoadsAsAWorkerLoadsIt(@TempDir Path home) {
        loaded(program(), home);
    }

    /** Every worker loads it on its own: an answer that changes (a version with a time in it) looks like two plugins. */
    @Test
    default void itDescribesItselfTheSameEveryTime(@TempDir Path home) {
        FoundPlugin first = loaded(program(), home);
        FoundPlugin second = loaded(program(), home);
        assertEquals(first.description(), second.description(), "its info answer changed between two calls");
        assertEquals(described(first), described(second), "its strategies changed between two info calls");
    }

    /** A later Slipway may call operations this one does not ({@code configure}, {@code remove}, {@code http}). */
    @Test
    default void anOperationItDoesNotKnowIsAnError(@TempDir Path home) throws StageException {
        loaded(program(), home);
        Executables.Answer answer = Executables.call(program(), home, "contract-test-unknown", line -> { });
        assertNotEquals(0, answer.exit(), "an operation it does not know must fail (exit 2, say), not succeed");
        assertTrue(answer.stdout().isBlank() || isJsonObject(answer.stdout()),
                () -> "on stdout goes nothing or {\"code\": …, \"message\": …}, not \"" + answer.stdout().strip() + "\"");
    }

    /** Exit 0 or 100 and nothing but JSON on stdout, within the quick time limit, for each of its strategies. */
    @Test
    default void everyStrategyAnswersAcceptByItsExitCode(@TempDir Path home, @TempDir Path empty) {
        for (Strategy strategy : loaded(program(), home).strategies()) {
            String what = strategy.name() + "'s accept";
            if (strategy instanceof Builder builder) {
                assertDoesNotThrow(() -> builder.accept(new SourceTree(empty, AppConfig.empty())), what + " of an empty tree");
            } else if (strategy instanceof Deployer deployer) {
                assertDoesNotThrow(() -> deployer.accept(new BuildArtifact("contract-test-unknown", empty, Map.of(),
                        Map.of(), List.of(), "contract", "contract")), what + " of an artifact of an unknown kind");
            } else if (strategy instanceof LifecycleHook hook) {
                hook.points().forEach(point -> assertDoesNotThrow(() -> hook.accept(point, AppConfig.empty()),
                        what + " at " + point));
            }
        }
    }

    /** The program, loaded; the test fails with the reason when a worker would refuse it. */
    static FoundPlugin loaded(Path program, Path home) {
        if (!Files.isRegularFile(program)) {
            fail(program.toAbsolutePath() + " does not exist");
        }
        FoundPlugin found = Executables.load(program, home);
        if (!found.loaded()) {
            fail(program.getFileName() + " is refused: " + found.description().problem());
        }
        return found;
    }

    /** Its strategy of {@code kind} named {@code name}, or its only one of that kind when {@code name} is null. */
    static <S extends Strategy> S strategy(Path program, Path home, Class<S> kind, String name) {
        List<S> candidates = loaded(program, home).strategies().stream().filter(kind::isInstance).map(kind::cast)
                .filter(s -> name == null || s.name().equals(name)).toList();
        if (candidates.size() != 1) {
            fail(program.getFileName() + " provides " + candidates.size() + " " + kind.getSimpleName() + "s"
                    + (name == null ? "; name the one under test with strategyName()" : " named " + name));
        }
        return candidates.get(0);
    }

    private static List<String> described(FoundPlugin plugin) {
        return plugin.strategies().stream().map(s -> s.getClass().getSimpleName() + " " + s.name() + " " + s.priority()
                + " " + s.settings() + (s instanceof LifecycleHook hook ? " " + hook.points() : "")).toList();
    }

    private static boolean isJsonObject(String text) {
        try {
            return JsonMapper.builder().build().readTree(text).isObject();
        } catch (JsonProcessingException e) {
            return false;
        }
    }
}
