package dev.slipway.plugins.hook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.HookContext;
import dev.slipway.api.StageException;
import dev.slipway.api.StageLog;
import dev.slipway.api.config.AppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandHookTest {

    record Context(String app, UUID deploymentId, Path workDir, Map<String, String> env, StageLog log,
                   Map<String, String> config, DeploymentInfo release, BuildArtifact artifact, AppConfig appConfig)
            implements HookContext {
    }

    @TempDir
    Path root;

    private final List<String> lines = new ArrayList<>();
    private final CommandHook hook = new CommandHook();

    @Test
    void runsTheAppsCommandInItsTreeWithItsEnvironmentAndThePort() throws Exception {
        Files.createDirectories(root.resolve("bin"));
        Files.writeString(root.resolve("bin/greet"), "#!/bin/sh\necho \"hello $GREETING on $PORT\"\n");
        root.resolve("bin/greet").toFile().setExecutable(true);

        hook.run("post_deploy", context(Map.of("post_deploy", "greet > greeted.txt && echo done"), Map.of()));

        assertEquals("hello world on 20001\n", Files.readString(root.resolve("greeted.txt")));
        assertTrue(lines.contains("done"), lines::toString);
    }

    @Test
    void aFailingCommandFailsTheHookWithItsExitCode() {
        StageException e = assertThrows(StageException.class,
                () -> hook.run("post_deploy", context(Map.of("post_deploy", "echo migrating; exit 3"), Map.of())));

        assertTrue(e.getMessage().contains("exit code 3"), e.getMessage());
        assertTrue(lines.contains("migrating"));
    }

    @Test
    void aHangingCommandIsStoppedAtTheTimeout() {
        StageException e = assertThrows(StageException.class, () -> hook.run("pre_stop",
                context(Map.of("pre_stop", "sleep 30"), Map.of("timeout", "1"))));

        assertTrue(e.getMessage().contains("did not finish within 1 s"), e.getMessage());
    }

    @Test
    void acceptsOnlyThePointsTheAppConfigures() {
        AppConfig config = withHooks(Map.of("post_deploy", "true"));
        assertTrue(hook.accept("post_deploy", config));
        assertFalse(hook.accept("pre_stop", config));
    }

    @Test
    void atPreDeployTheReleasePhaseRunsAfterThePreDeployCommandWithTheReleasesEnvironment() throws Exception {
        AppConfig config = config(Map.of("pre_deploy", "echo checked > order.txt"),
                Map.of("web", "true", "release", "echo \"migrated for $GREETING\" >> order.txt"));

        assertTrue(hook.accept("pre_deploy", config));
        hook.run("pre_deploy", context(config, Map.of()));

        assertEquals("checked\nmigrated for world\n", Files.readString(root.resolve("order.txt")));
        assertTrue(lines.contains("release phase: echo \"migrated for $GREETING\" >> order.txt"), lines::toString);
    }

    @Test
    void aReleaseCommandAloneMakesTheHookRunAtPreDeployOnly() {
        AppConfig config = config(Map.of("release", "true"), Map.of("web", "true"));

        assertTrue(hook.accept("pre_deploy", config));
        assertFalse(hook.accept("post_deploy", config), "the release phase runs once, before the release starts");
    }

    @Test
    void aFailingReleasePhaseSaysSoWithItsLastLines() {
        AppConfig config = config(Map.of(), Map.of("web", "true", "release",
                "for i in 1 2 3 4 5 6 7; do echo line $i; done; echo 'relation users does not exist'; exit 5"));

        StageException e = assertThrows(StageException.class, () -> hook.run("pre_deploy", context(config, Map.of())));

        assertTrue(e.getMessage().startsWith("the release phase failed, so the release was not started: "),
                e.getMessage());
        assertTrue(e.getMessage().contains("exit code 5"), e.getMessage());
        assertTrue(e.getMessage().endsWith("its last lines: line 4 | line 5 | line 6 | line 7"
                + " | relation users does not exist"), e.getMessage());
        assertTrue(lines.contains("line 1"), "all of it is in the stage log");
    }

    private Context context(Map<String, String> hooks, Map<String, String> settings) {
        return context(withHooks(hooks), settings);
    }

    private Context context(AppConfig config, Map<String, String> settings) {
        BuildArtifact artifact = new BuildArtifact(BuildArtifact.PROCESS, root, Map.of("web", "true"),
                Map.of("GREETING", "world"), List.of("bin"), "native", "test");
        DeploymentInfo release = DeploymentInfo.upstream("demo", "r1", "process", "127.0.0.1", 20001, Map.of());
        return new Context("demo", UUID.randomUUID(), root, Map.of("PATH", System.getenv("PATH")), lines::add, settings,
                release, artifact, config);
    }

    private static AppConfig withHooks(Map<String, String> hooks) {
        return config(hooks, Map.of());
    }

    private static AppConfig config(Map<String, String> hooks, Map<String, String> processes) {
        AppConfig empty = AppConfig.empty();
        return new AppConfig(empty.build(), empty.deploy(), processes, empty.env(), empty.healthcheck(), hooks,
                empty.proxy(), empty.addons());
    }
}
