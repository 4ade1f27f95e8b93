package dev.slipway.workers.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.HookContext;
import dev.slipway.api.LifecycleHook;
import dev.slipway.api.StageException;
import dev.slipway.api.config.AppConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HookSubscribersTest {

    private final List<String> lines = new ArrayList<>();
    private final List<String> called = new ArrayList<>();

    /** A hook subscribed to {@code points} that records its call and fails with {@code failure} when it is not null. */
    private LifecycleHook hook(String name, List<String> points, RuntimeException acceptFailure, String failure) {
        return new LifecycleHook() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<String> points() {
                return points;
            }

            @Override
            public boolean accept(String point, AppConfig config) {
                if (acceptFailure != null) {
                    throw acceptFailure;
                }
                return true;
            }

            @Override
            public void run(String point, HookContext context) throws StageException {
                called.add(name + "@" + point);
                if (failure != null) {
                    throw new StageException(failure);
                }
            }
        };
    }

    private HookSubscribers.Outcome run(String point, List<LifecycleHook> hooks) {
        return HookSubscribers.run(point, hooks, h -> h.points().contains(point) && h.accept(point, AppConfig.empty()),
                hook -> null, lines::add);
    }

    @Test
    void everySubscriberRunsAndOneFailingDoesNotStopTheOthers() {
        HookSubscribers.Outcome outcome = run("post_build", List.of(
                hook("first", List.of("post_build"), null, "scan found a problem"),
                hook("second", List.of("post_build", "pre_deploy"), null, null),
                hook("elsewhere", List.of("pre_stop"), null, null)));

        assertEquals(List.of("first@post_build", "second@post_build"), called, "only subscribers, all of them");
        assertEquals(List.of("second"), outcome.ran());
        assertTrue(outcome.failed());
        assertEquals("subscriber first: scan found a problem", outcome.reason());
        assertTrue(lines.contains("post_build: first failed: scan found a problem"), lines::toString);
    }

    @Test
    void anAcceptThatThrowsIsThatSubscribersFailureAndNamesIt() {
        HookSubscribers.Outcome outcome = run("pre_deploy", List.of(
                hook("gate", List.of("pre_deploy"), new IllegalStateException("accept() threw boom"), null),
                hook("notary", List.of("pre_deploy"), null, "no signature"),
                hook("fine", List.of("pre_deploy"), null, null)));

        assertEquals(List.of("notary@pre_deploy", "fine@pre_deploy"), called);
        assertEquals("2 subscribers failed: gate: accept() failed: accept() threw boom; notary: no signature",
                outcome.reason());
    }

    @Test
    void aSubscribersUnexpectedExceptionIsItsFailureNotTheWorkers() {
        LifecycleHook buggy = new LifecycleHook() {
            @Override
            public String name() {
                return "buggy";
            }

            @Override
            public boolean accept(String point, AppConfig config) {
                return true;
            }

            @Override
            public void run(String point, HookContext context) {
                throw new NullPointerException("oops");
            }
        };

        HookSubscribers.Outcome outcome = run("app_created", List.of(buggy, hook("after", List.of("app_created"), null, null)));

        assertEquals(List.of("after@app_created"), called);
        assertTrue(outcome.reason().startsWith("subscriber buggy: failed unexpectedly: java.lang.NullPointerException"),
                outcome.reason());
    }

    @Test
    void withNoSubscriberNothingRunsAndNothingFails() {
        HookSubscribers.Outcome outcome = run("config_changed", List.of(hook("other", List.of("pre_stop"), null, null)));

        assertFalse(outcome.failed());
        assertTrue(called.isEmpty());
        assertEquals(List.of("config_changed: no hook subscribes to it here, nothing to run"), lines);
    }
}
