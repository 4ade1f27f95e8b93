package dev.slipway.workers.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.BuildContext;
import dev.slipway.api.Builder;
import dev.slipway.api.Commands;
import dev.slipway.api.DeployContext;
import dev.slipway.api.Deployer;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.HookContext;
import dev.slipway.api.LanguageToolchain;
import dev.slipway.api.LifecycleHook;
import dev.slipway.api.SourceTree;
import dev.slipway.api.StageException;
import dev.slipway.api.StageLog;
import dev.slipway.api.Strategy;
import dev.slipway.api.config.AppConfig;
import dev.slipway.messaging.WorkerAnnounced;
import dev.slipway.workers.isolation.PluginBoxes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Executable plugins with fixture scripts: the loader refuses what misbehaves, the adapters call the program. */
class ExecutablePluginsTest {

    private static final UUID DEPLOYMENT = UUID.fromString("00000000-0000-0000-0000-000000000042");

    @TempDir
    Path plugins;
    @TempDir
    Path host;
    @TempDir
    Path tree;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final AtomicBoolean revoked = new AtomicBoolean();
    private final HostAccess access = (plugin, deploymentId) -> new HostAccess.Grant() {
        @Override
        public Map<String, String> env() {
            return Map.of("SLIPWAY_STORAGE_TOKEN", plugin + "-" + deploymentId);
        }

        @Override
        public void close() {
            revoked.set(true);
        }
    };

    private ExecutablePlugins loader(Duration slow) {
        return new ExecutablePlugins(new PluginCalls(PluginBoxes.unisolated(host), access), Duration.ofSeconds(1), slow);
    }

    @Test
    void aGoodPluginIsLoadedWithWhatItProvides() throws IOException {
        Path program = fixture("good", "good");
        FoundPlugin found = loader(Duration.ofSeconds(10)).load(program);

        WorkerAnnounced.Plugin described = found.description();
        assertEquals(WorkerAnnounced.Status.LOADED, described.status(), described::toString);
        assertEquals(WorkerAnnounced.Origin.EXECUTABLE, described.origin());
        assertEquals("1.2.3", described.version());
        assertEquals("slipway-plugin-good", described.source());
        assertEquals(dev.slipway.archive.PluginPackage.sha256(Files.readAllBytes(program)), described.checksum());
        assertEquals(List.of("good", "good-deployer", "good-hook"), found.strategies().stream().map(Strategy::name).toList());
        Builder builder = (Builder) found.strategies().get(0);
        assertEquals(5, builder.priority());
        assertEquals("title", builder.settings().get(0).key());
        assertEquals(List.of("post_deploy"), ((LifecycleHook) found.strategies().get(2)).points());
    }

    @Test
    void programsThatCrashHangPrintGarbageOrSpeakAnotherVersionAreRefusedSayingWhy() throws IOException {
        ExecutablePlugins loader = loader(Duration.ofSeconds(10));

        assertEquals("plugin crash (info) failed with exit code 3 (broken: cannot start); its stderr is in the log",
                refusal(loader, fixture("crash", "crash")));
        assertEquals("plugin hang (info) did not finish within 1 s and was stopped with everything it started",
                refusal(loader, fixture("hang", "hang")));
        assertEquals("plugin garbage (info) printed garbage on stdout, not a JSON object: \"hello, I am not JSON\"",
                refusal(loader, fixture("garbage", "garbage")));
        assertEquals("speaks protocol 2.0; this Slipway supports protocol 1.0 to 1.0",
                refusal(loader, fixture("too-new", "too-new")));
        assertEquals("its info answer names it \"other\", but its file names it \"misnamed\"",
                refusal(loader, fixture("misnamed", "misnamed")));
        assertTrue(refusal(loader, fixture("bad-setting", "bad-setting"))
                .startsWith("its info answer is wrong: provides[0].settings[0] setting workers: default \"many\""));
        assertTrue(refusal(loader, fixture("Bad_Name", "good")).startsWith("plugin name \"Bad_Name\""));
        Path unrunnable = fixture("unrunnable", "good");
        Files.setPosixFilePermissions(unrunnable, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals("is not an executable file (chmod +x it)", refusal(loader, unrunnable));
    }

    @Test
    void theRegistryLoadsExecutablesBesideJarsAndKeepsServingWithBrokenOnes() throws IOException {
        fixture("good", "good");
        fixture("garbage", "garbage");
        PluginRegistry registry = new PluginRegistry(new PluginSettings(name -> Optional.ofNullable(
                Map.of("slipway.plugins.good.title", "From the operator").get(name))), plugins, Duration.ofSeconds(10),
                () -> { });

        Builder good = registry.builders().stream().filter(b -> b.name().equals("good")).findFirst().orElseThrow();
        assertEquals(Map.of("title", "From the operator"), registry.settings(good));
        assertTrue(registry.builders().stream().anyMatch(b -> b.name().equals("native")));
        Map<String, WorkerAnnounced.Status> statuses = new java.util.TreeMap<>();
        registry.descriptions().stream().filter(p -> p.origin() == WorkerAnnounced.Origin.EXECUTABLE)
                .forEach(p -> statuses.put(p.name(), p.status()));
        assertEquals(Map.of("good", WorkerAnnounced.Status.LOADED, "garbage", WorkerAnnounced.Status.REFUSED), statuses);
    }

    @Test
    void anAcceptThatFailsIsNotApplicableForThatChoiceAndBecomesThePluginsLastFailure() throws Exception {
        fixture("flaky", "flaky");
        PluginRegistry registry = new PluginRegistry(new PluginSettings(name -> Optional.empty()), plugins,
                Duration.ofSeconds(10), () -> { });
        SourceTree source = new SourceTree(tree, AppConfig.empty());

        Builder chosen = registry.forStage(Map.of(), line -> { }).select("builder", registry.builders(), null, b -> b.accept(source), "the source tree",
                log::add).strategy();

        assertEquals("native", chosen.name());
        WorkerAnnounced.Plugin flaky = registry.descriptions().stream().filter(p -> p.name().equals("flaky")).findFirst()
                .orElseThrow();
        assertEquals(WorkerAnnounced.Status.LOADED, flaky.status());
        assertTrue(flaky.problem().startsWith("builder flaky: accept() threw java.lang.IllegalStateException: plugin flaky"
                + " (accept) failed with exit code 7"), flaky.problem());
    }

    @Test
    void aBuilderIsShownTheTreesNamesAndAnswersByItsExitCode() throws IOException {
        Builder builder = strategy(Builder.class);
        assertFalse(builder.accept(new SourceTree(tree, AppConfig.empty())));
        Files.writeString(tree.resolve("page.txt"), "hello");
        assertTrue(builder.accept(new SourceTree(tree, AppConfig.empty())));
    }

    @Test
    void aBuildRunsInTheTreeWithItsSettingsAndTheGrantAndNothingOfTheWorkersEnvironment() throws Exception {
        Files.writeString(tree.resolve("page.txt"), "ahoy");

        BuildArtifact artifact = strategy(Builder.class).build(build(Map.of("title", "Harbour")));

        assertEquals(BuildArtifact.STATIC, artifact.kind());
        assertEquals(tree.resolve("site"), artifact.root());
        assertEquals("good", artifact.builder());
        assertEquals("<h1>Harbour</h1>\nahoy", Files.readString(tree.resolve("site/index.html")).strip());
        assertTrue(log.contains("building shop"), log::toString);
        Map<String, String> env = env(tree.resolve("env.txt"));
        assertEquals("build", env.get("SLIPWAY_OPERATION"));
        assertEquals("good-" + DEPLOYMENT, env.get("SLIPWAY_STORAGE_TOKEN"));
        assertTrue(revoked.get(), "the grant is closed after the call");
        Set<String> protocol = Set.of("HOME", "TMPDIR", "PATH", "LANG", "PWD", "SHLVL", "_", "OLDPWD");
        for (String name : env.keySet()) {
            assertTrue(protocol.contains(name) || name.startsWith("SLIPWAY_"), name + " leaked into the plugin's call");
        }
    }

    @Test
    void aFailingBuildFailsTheStageWithThePluginsMessage() throws IOException {
        Files.writeString(tree.resolve("fail"), "");

        StageException e = assertThrows(StageException.class, () -> strategy(Builder.class).build(build(Map.of())));

        assertEquals("plugin good (build) failed with exit code 2 (no-page: page.txt is empty); its stderr is in the log",
                e.getMessage());
        assertFalse(e.retryable(), "a failure is not retryable unless the plugin says so");
    }

    @Test
    void aFailureThePluginCallsRetryableIsRetryable() throws IOException {
        Files.writeString(tree.resolve("offline"), "");

        StageException e = assertThrows(StageException.class, () -> strategy(Builder.class).build(build(Map.of())));

        assertTrue(e.retryable(), e::getMessage);
        assertEquals("plugin good (build) failed with exit code 2 (offline: registry timed out); its stderr is in the log",
                e.getMessage());
    }

    @Test
    void anArtifactOutsideTheTreeOrTooMuchOutputIsRefused() throws IOException {
        Files.writeString(tree.resolve("escape"), "");
        StageException outside = assertThrows(StageException.class, () -> strategy(Builder.class).build(build(Map.of())));
        assertEquals("plugin good (build) answered wrongly: root leads outside the work directory", outside.getMessage());

        Files.delete(tree.resolve("escape"));
        Files.writeString(tree.resolve("chatty"), "");
        StageException chatty = assertThrows(StageException.class, () -> strategy(Builder.class).build(build(Map.of())));
        assertTrue(chatty.getMessage().startsWith("plugin good (build) printed more than 1048576 bytes on stdout"),
                chatty.getMessage());
    }

    @Test
    void aLineOfLogWithoutEndIsCutNotHeldWhole() throws Exception {
        Files.writeString(tree.resolve("page.txt"), "ahoy");
        Files.writeString(tree.resolve("long-line"), "");

        strategy(Builder.class).build(build(Map.of()));

        String cut = log.stream().filter(l -> l.startsWith("xxx")).findFirst().orElseThrow();
        assertEquals(PluginCalls.MAX_LINE + 1, cut.length());
        assertTrue(cut.endsWith("…"));
        assertTrue(log.contains("after the long line"), "the lines after it are logged");
    }

    @Test
    void aBuildPastItsTimeIsStoppedWithEverythingItStarted() throws Exception {
        Files.writeString(tree.resolve("hang"), "");
        Builder builder = (Builder) loader(Duration.ofSeconds(2)).load(fixture("good", "good")).strategies().get(0);

        StageException e = assertThrows(StageException.class, () -> builder.build(build(Map.of())));

        assertEquals("plugin good (build) did not finish within 2 s and was stopped with everything it started",
                e.getMessage());
        long sleeper = Long.parseLong(Files.readString(tree.resolve("sleeper.pid")).strip());
        assertTrue(eventuallyDead(sleeper), "its child still runs");
    }

    /** SIGKILL takes a moment to land. */
    private static boolean eventuallyDead(long pid) {
        return ProcessHandle.of(pid).map(p -> Commands.awaitFinished(List.of(p), 5)).orElse(true);
    }

    @Test
    void aDeployerAndAHookAreCalledWithTheirRequests() throws Exception {
        Deployer deployer = strategy(Deployer.class);
        BuildArtifact site = new BuildArtifact(BuildArtifact.STATIC, tree, Map.of(), Map.of(), List.of(), "good", "good");
        assertTrue(deployer.accept(site));
        assertFalse(deployer.accept(new BuildArtifact(BuildArtifact.PROCESS, tree, Map.of("web", "x"), Map.of(), List.of(),
                "native", "node")));

        DeploymentInfo release = deployer.deploy(new Deploy("shop", DEPLOYMENT, tree, Map.of(), log::add, Map.of(), site,
                AppConfig.empty()));
        assertEquals(DeploymentInfo.upstream("shop", DEPLOYMENT.toString(), "good-deployer", "127.0.0.1", 4567,
                Map.of("pid", "42")), release);

        LifecycleHook hook = strategy(LifecycleHook.class);
        assertTrue(hook.accept("post_deploy", AppConfig.empty()));
        assertFalse(hook.accept("pre_stop", AppConfig.empty()));
        hook.run("post_deploy", new Hook("shop", DEPLOYMENT, tree, Map.of(), log::add, Map.of(), release, site,
                AppConfig.empty()));
        assertTrue(log.contains("hook at post_deploy for shop"), log::toString);
    }

    @Test
    void aDeployersStaticRootReachedThroughALinkIsRefused() throws Exception {
        Deployer deployer = (Deployer) loader(Duration.ofSeconds(10)).load(fixture("linker", "linker")).strategies().get(0);
        BuildArtifact site = new BuildArtifact(BuildArtifact.STATIC, tree, Map.of(), Map.of(), List.of(), "good", "good");
        Path release = Files.createDirectory(host.resolve("release"));
        StageException refused = assertThrows(StageException.class, () -> deployer.deploy(new Deploy("shop", DEPLOYMENT,
                release, Map.of(), log::add, Map.of(), site, AppConfig.empty())));
        assertTrue(refused.getMessage().contains("static"), refused::getMessage);
    }

    private <T> T strategy(Class<T> type) throws IOException {
        FoundPlugin found = loader(Duration.ofSeconds(10)).load(fixture("good", "good"));
        return type.cast(found.strategies().stream().filter(type::isInstance).findFirst().orElseThrow());
    }

    private Build build(Map<String, String> settings) {
        return new Build("shop", DEPLOYMENT, tree, Map.of("SECRET", "never"), log::add, settings,
                new SourceTree(tree, AppConfig.empty()), List.of());
    }

    private static String refusal(ExecutablePlugins loader, Path program) {
        FoundPlugin found = loader.load(program);
        assertEquals(WorkerAnnounced.Status.REFUSED, found.description().status(), found.description()::toString);
        assertTrue(found.strategies().isEmpty());
        return found.description().problem();
    }

    /** The fixture {@code script} as the executable {@code slipway-plugin-<name>}. */
    private Path fixture(String name, String script) throws IOException {
        Path program = plugins.resolve(PluginProtocol.PREFIX + name);
        try (InputStream in = getClass().getResourceAsStream("/executable-plugins/" + script)) {
            Files.write(program, in.readAllBytes());
        }
        Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
        return program;
    }

    private static Map<String, String> env(Path file) throws IOException {
        Map<String, String> env = new java.util.HashMap<>();
        for (String line : Files.readAllLines(file)) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                env.put(line.substring(0, equals), line.substring(equals + 1));
            }
        }
        return env;
    }

    record Build(String app, UUID deploymentId, Path workDir, Map<String, String> env, StageLog log,
                 Map<String, String> config, SourceTree source, List<LanguageToolchain> toolchains)
            implements BuildContext {
    }

    record Deploy(String app, UUID deploymentId, Path workDir, Map<String, String> env, StageLog log,
                  Map<String, String> config, BuildArtifact artifact, AppConfig appConfig) implements DeployContext {
    }

    record Hook(String app, UUID deploymentId, Path workDir, Map<String, String> env, StageLog log,
                Map<String, String> config, DeploymentInfo release, BuildArtifact artifact, AppConfig appConfig)
            implements HookContext {
    }
}
