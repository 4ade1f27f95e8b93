package dev.slipway.workers.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.Builder;
import dev.slipway.api.SourceTree;
import dev.slipway.api.Strategy;
import dev.slipway.api.config.AppConfig;
import dev.slipway.messaging.WorkerAnnounced;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginRegistryTest {

    private static final Map<String, String> OPERATOR = Map.of(
            "slipway.plugins.wrongly-set.workers", "many",
            "slipway.plugins.process.port-range", "30000-30999",
            "slipway.plugins.hello-jar.greeting", "ahoy",
            "slipway.plugins.keeper.token", "tok-3f9a77c1",
            "slipway.plugins.unknown.key", "ignored");
    private static final String BUILDER = "dev.slipway.api.Builder";
    private static final String HTTP = "dev.slipway.api.HttpExtension";
    private static final Map<String, String> API_1_0 = Map.of("Slipway-Plugin-Api", "1.0", "Implementation-Version", "1.2.0");

    @TempDir
    Path plugins;

    private final AtomicInteger changes = new AtomicInteger();

    private PluginRegistry registry() {
        return new PluginRegistry(new PluginSettings(name -> Optional.ofNullable(OPERATOR.get(name))), plugins,
                Duration.ofMillis(500), changes::incrementAndGet);
    }

    @Test
    void brokenProvidersAndWronglySetOnesAreSkippedAndTheRestLoadInPriorityOrder() {
        // The test class path lists broken builders, one set wrongly, and a class that does not exist beside "native".
        assertEquals(List.of("native"), registry().builders().stream().map(Strategy::name).toList());
    }

    @Test
    void theBundledStrategiesAreFound() {
        PluginRegistry registry = registry();
        assertEquals(List.of("go", "ruby", "java-maven", "node", "python", "static"),
                registry.toolchains().stream().map(Strategy::name).toList(), "in the order they are asked: by priority");
        assertEquals(List.of("process", "static"), registry.deployers().stream().map(Strategy::name).sorted().toList());
        assertEquals(List.of("caddy", "nginx"), registry.proxies().stream().map(Strategy::name).sorted().toList());
    }

    @Test
    void eachPluginGetsTheSettingsItDeclaresWithItsDefaults() {
        PluginRegistry registry = registry();
        Strategy process = registry.deployers().stream().filter(d -> d.name().equals("process")).findFirst().orElseThrow();
        Strategy nginx = registry.proxies().stream().filter(p -> p.name().equals("nginx")).findFirst().orElseThrow();

        assertEquals(Map.of("port-range", "30000-30999", "bind-host", "127.0.0.1", "advertise-host", "127.0.0.1",
                "restart-backoff", "1", "max-restart-backoff", "60", "crash-limit", "5", "crash-window", "300"),
                registry.settings(process));
        assertEquals("8080", registry.settings(nginx).get("listen-port"));
        assertTrue(!registry.settings(nginx).containsKey("prefix"), "a setting with no value and no default is absent");
    }

    @Test
    void aValueOfTheWrongTypeNamesThePropertyAndTheSetting() {
        Builder wrong = new BrokenPlugins.WronglySet();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PluginSettings(name -> Optional.ofNullable(OPERATOR.get(name))).of(wrong));

        assertEquals("slipway.plugins.wrongly-set.workers=\"many\" is not a whole number (parallel builds)", e.getMessage());
    }

    @Test
    void aJarPluginIsLoadedInItsOwnClassLoaderWithItsSettingsAndChosenByAccept(@TempDir Path tree) throws IOException {
        goodJar(plugins.resolve("hello-jar-1.2.0.jar"));
        PluginRegistry registry = registry();

        Builder hello = registry.builders().stream().filter(b -> b.name().equals("hello-jar")).findFirst().orElseThrow();
        assertTrue(hello.getClass().getClassLoader() instanceof PluginClassLoader);
        assertEquals(Map.of("greeting", "ahoy"), registry.settings(hello));
        Files.writeString(tree.resolve("hello.txt"), "hi");
        assertTrue(hello.accept(new SourceTree(tree, AppConfig.empty())));

        WorkerAnnounced.Plugin described = plugin(registry, "hello-jar");
        assertEquals(WorkerAnnounced.Status.LOADED, described.status());
        assertEquals(WorkerAnnounced.Origin.JAR, described.origin());
        assertEquals("1.2.0", described.version());
        assertEquals(64, described.checksum().length());
        assertEquals(List.of("builder/hello-jar"), described.provides().stream().map(p -> p.kind() + "/" + p.name()).toList());
        assertEquals("greeting", described.provides().get(0).settings().get(0).key());
    }

    @Test
    void aPluginIsPickedUpAndDroppedWithoutARestart() throws IOException {
        PluginRegistry registry = registry();
        assertTrue(registry.builders().stream().noneMatch(b -> b.name().equals("hello-jar")));

        goodJar(plugins.resolve("hello-jar.jar"));
        registry.scan();
        assertTrue(registry.builders().stream().anyMatch(b -> b.name().equals("hello-jar")));
        assertEquals(1, changes.get(), "the announcer hears of it");

        registry.scan();
        assertEquals(1, changes.get(), "nothing changed, nothing is announced");

        Files.delete(plugins.resolve("hello-jar.jar"));
        registry.scan();
        assertTrue(registry.builders().stream().noneMatch(b -> b.name().equals("hello-jar")));
        assertTrue(registry.descriptions().stream().noneMatch(p -> p.name().equals("hello-jar")));
        assertEquals(2, changes.get());
    }

    @Test
    void eachStrategyBelongsToThePluginItCameFromEvenAfterThatIsReplaced() throws IOException {
        goodJar(plugins.resolve("hello-jar.jar"));
        PluginRegistry registry = registry();
        Builder hello = registry.builders().stream().filter(b -> b.name().equals("hello-jar")).findFirst().orElseThrow();
        Builder bundled = registry.builders().stream().filter(b -> b.name().equals("native")).findFirst().orElseThrow();
        assertEquals("hello-jar", registry.pluginOf(hello), "its storage is the plugin's, not the strategy's");
        assertEquals(registry.descriptions().stream().filter(p -> p.provides().stream()
                        .anyMatch(provided -> provided.name().equals("native"))).findFirst().orElseThrow().name(),
                registry.pluginOf(bundled), "a built-in one belongs to the plugin that announces it");

        Files.delete(plugins.resolve("hello-jar.jar"));
        registry.scan();
        assertEquals("hello-jar", registry.pluginOf(hello), "a stage that took it before keeps its plugin's storage");
        Builder stranger = new Builder() {
            @Override
            public String name() {
                return "stranger";
            }

            @Override
            public boolean accept(SourceTree source) {
                return true;
            }

            @Override
            public dev.slipway.api.BuildArtifact build(dev.slipway.api.BuildContext context) {
                throw new UnsupportedOperationException();
            }
        };
        assertNull(registry.pluginOf(stranger), "no plugin of this worker's: it gets no one's storage");
    }

    @Test
    void aPluginInADirectoryBringsItsOwnLibraries() throws IOException {
        Path dir = Files.createDirectories(plugins.resolve("greeter"));
        Path library = PluginJars.jar(dir.resolve("greeting-lib.jar"), Map.of("Greeting",
                "public class Greeting { public static String name() { return \"greeter\"; } }"), Map.of(), Map.of());
        // Compiled against the library and packed without it: the directory's other jar has it at run time.
        PluginJars.jar(dir.resolve("greeter.jar"), Map.of("Greeter", PluginJars.builder("Greeter", "greeter", "")
                .replace("return \"greeter\";", "return Greeting.name();")), Map.of(BUILDER, "fixture.Greeter"), API_1_0,
                library);
        Files.writeString(dir.resolve("greeter.jar.unused"), "");

        PluginRegistry registry = registry();

        assertEquals(WorkerAnnounced.Status.LOADED, plugin(registry, "greeter").status(), plugin(registry, "greeter").toString());
        assertTrue(registry.builders().stream().anyMatch(b -> b.name().equals("greeter")));
    }

    @Test
    void brokenJarsAreRefusedWithTheReasonAndTheWorkerKeepsItsOtherPlugins() throws IOException {
        PluginJars.jar(plugins.resolve("too-new.jar"), Map.of("TooNew", PluginJars.builder("TooNew", "too-new", "")),
                Map.of(BUILDER, "fixture.TooNew"), Map.of("Slipway-Plugin-Api", "2.0"));
        PluginJars.jar(plugins.resolve("unversioned.jar"), Map.of("Plain", PluginJars.builder("Plain", "plain", "")),
                Map.of(BUILDER, "fixture.Plain"), Map.of());
        PluginJars.jar(plugins.resolve("throws.jar"), Map.of("Throws",
                PluginJars.builder("Throws", "throws", "if (true) throw new IllegalStateException(\"no licence key\");")),
                Map.of(BUILDER, "fixture.Throws"), API_1_0);
        PluginJars.jar(plugins.resolve("static-init.jar"), Map.of("StaticInit",
                PluginJars.builder("StaticInit", "static-init", "")
                        .replace("implements dev.slipway.api.Builder {", "implements dev.slipway.api.Builder {\n"
                                + "  static final int X = Integer.parseInt(\"not a number\");")),
                Map.of(BUILDER, "fixture.StaticInit"), API_1_0);
        PluginJars.jar(plugins.resolve("reaches-in.jar"), Map.of("ReachesIn", PluginJars.builder("ReachesIn", "reaches-in",
                "new dev.slipway.workers.plugin.PluginSettings(null);")), Map.of(BUILDER, "fixture.ReachesIn"), API_1_0);
        PluginJars.jar(plugins.resolve("takes-native.jar"), Map.of("Native", PluginJars.builder("Native", "native", "")),
                Map.of(BUILDER, "fixture.Native"), API_1_0);
        goodJar(plugins.resolve("a-hello.jar"));
        goodJar(plugins.resolve("b-hello.jar"));
        PluginJars.jar(plugins.resolve("priority.jar"), Map.of("Priority", PluginJars.builder("Priority", "priority", "")
                .replace("public String name()", "public int priority() { throw new IllegalStateException(\"no rank\"); }\n"
                        + "  public String name()")), Map.of(BUILDER, "fixture.Priority"), API_1_0);
        PluginJars.jar(plugins.resolve("twice.jar"), Map.of("One", PluginJars.builder("One", "twice", ""),
                "Two", PluginJars.builder("Two", "twice", "")), Map.of(BUILDER, "fixture.One\nfixture.Two"), API_1_0);
        // Sorted first: an entry that cannot even be looked at must not take the ones after it along.
        Files.createSymbolicLink(Files.createDirectories(plugins.resolve("0-dangling")).resolve("lib.jar"),
                plugins.resolve("gone.jar"));

        PluginRegistry registry = registry();

        assertEquals("targets plugin API 2.0; this Slipway supports plugin API 1.0 to 1.0", problem(registry, "too-new"));
        assertTrue(problem(registry, "unversioned").startsWith("names no plugin API version (Slipway-Plugin-Api"),
                problem(registry, "unversioned"));
        assertTrue(problem(registry, "throws").contains("java.lang.IllegalStateException: no licence key"),
                problem(registry, "throws"));
        assertTrue(problem(registry, "static-init").contains("NumberFormatException"), problem(registry, "static-init"));
        assertTrue(problem(registry, "reaches-in").contains("ClassNotFoundException: dev.slipway.workers.plugin.PluginSettings"),
                problem(registry, "reaches-in"));
        assertTrue(problem(registry, "takes-native").startsWith("conflict: builder \"native\" is already provided by plugin "),
                problem(registry, "takes-native"));
        assertTrue(problem(registry, "priority").contains("no rank"), problem(registry, "priority"));
        assertEquals("conflict: it provides two of builder \"twice\"", problem(registry, "twice"));
        assertEquals("the directory holds no jar", problem(registry, "0-dangling"));
        List<WorkerAnnounced.Plugin> hellos = registry.descriptions().stream().filter(p -> p.name().equals("hello-jar")).toList();
        assertEquals(List.of(WorkerAnnounced.Status.LOADED, WorkerAnnounced.Status.REFUSED),
                hellos.stream().map(WorkerAnnounced.Plugin::status).toList(), "the first in name order wins, and says so");
        assertEquals("conflict: a plugin named \"hello-jar\" is already loaded from a-hello.jar", hellos.get(1).problem());

        assertEquals(List.of("hello-jar", "native"), registry.builders().stream().map(Strategy::name).sorted().toList());
        assertTrue(registry.builders().stream().filter(b -> b.name().equals("native"))
                .allMatch(b -> !(b.getClass().getClassLoader() instanceof PluginClassLoader)), "the built-in keeps its name");
    }

    @Test
    void theValuesOfSecretSettingsAreWhatStageLogsMask() throws Exception {
        PluginJars.jar(plugins.resolve("keeper.jar"), Map.of("Keeper", PluginJars.builder("Keeper", "keeper", "")
                .replace("return java.util.List.of(new dev.slipway.api.Setting(\"greeting\"",
                        "return java.util.List.of(new dev.slipway.api.Setting(\"token\", dev.slipway.api.Setting.Type.SECRET,"
                                + " null, \"its API token\"), new dev.slipway.api.Setting(\"greeting\"")),
                Map.of(BUILDER, "fixture.Keeper"), API_1_0);
        goodJar(plugins.resolve("hello-jar.jar"));

        PluginRegistry registry = registry();

        assertEquals(WorkerAnnounced.Status.LOADED, plugin(registry, "keeper").status(), plugin(registry, "keeper")::toString);
        assertEquals(List.of("tok-3f9a77c1"), registry.secretSettingValues(), "the greeting is no secret");
    }

    @Test
    void aJarWhoseConstructorNeverReturnsIsRefusedAndTheOthersLoad() throws Exception {
        // Not interruptible: the constructor outlives the wait, as a real busy loop would.
        PluginJars.jar(plugins.resolve("stuck.jar"), Map.of("Stuck", PluginJars.builder("Stuck", "stuck",
                "long end = System.nanoTime() + 5_000_000_000L; while (System.nanoTime() < end) { }")),
                Map.of(BUILDER, "fixture.Stuck"), API_1_0);
        goodJar(plugins.resolve("hello-jar.jar"));

        PluginRegistry registry = registry();

        assertEquals("its strategies were not made within 500 ms: a constructor or static initializer that does not"
                + " return", problem(registry, "stuck"));
        assertEquals(WorkerAnnounced.Status.LOADED, plugin(registry, "hello-jar").status());
    }

    @Test
    void aStrategyStuckInAnEarlierAcceptIsNotAskedAgainUntilThatReturns(@TempDir Path tree) throws Exception {
        // Deaf to interrupts, as a busy loop is: the thread stays in accept() after the worker gave up on it.
        // Named to be asked before the built-in native builder, which accepts any tree.
        PluginJars.jar(plugins.resolve("a-spins.jar"), Map.of("Spins", PluginJars.builder("Spins", "a-spins", "")
                .replace("return java.nio.file.Files.exists(", "long end = System.nanoTime() + 3_000_000_000L;"
                        + " while (System.nanoTime() < end) { } return java.nio.file.Files.exists(")),
                Map.of(BUILDER, "fixture.Spins"), API_1_0);
        PluginRegistry registry = registry();
        SourceTree source = new SourceTree(tree, AppConfig.empty());
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();

        registry.forStage(Map.of(), line -> { }).select("builder", registry.builders(), null, b -> b.accept(source), "the source tree", first::add);
        registry.forStage(Map.of(), line -> { }).select("builder", registry.builders(), null, b -> b.accept(source), "the source tree", second::add);

        assertTrue(first.get(0).contains("accept() did not answer within 500 ms"), first.toString());
        assertTrue(second.get(0).contains("an earlier accept() has still not returned"), second.toString());
    }

    @Test
    void anAcceptThatThrowsOrHangsIsSkippedReportedAndTheChoiceGoesOn(@TempDir Path tree) throws Exception {
        PluginJars.jar(plugins.resolve("a-hangs.jar"), Map.of("Hangs", PluginJars.builder("Hangs", "a-hangs", "")
                .replace("return java.nio.file.Files.exists(", "try { Thread.sleep(60_000); } catch (InterruptedException e)"
                        + " { } return java.nio.file.Files.exists(")), Map.of(BUILDER, "fixture.Hangs"), API_1_0);
        PluginJars.jar(plugins.resolve("b-throws.jar"), Map.of("Throws", PluginJars.builder("Throws", "b-throws", "")
                .replace("return java.nio.file.Files.exists(", "if (true) throw new IllegalStateException(\"confused\");"
                        + " return java.nio.file.Files.exists(")), Map.of(BUILDER, "fixture.Throws"), API_1_0);
        goodJar(plugins.resolve("hello-jar.jar"));
        PluginRegistry registry = registry();
        Files.writeString(tree.resolve("hello.txt"), "hi");
        SourceTree source = new SourceTree(tree, AppConfig.empty());
        List<String> log = new ArrayList<>();

        var chosen = registry.forStage(Map.of(), line -> { }).select("builder", registry.builders(), null, b -> b.accept(source), "the source tree",
                log::add);

        assertEquals("hello-jar", chosen.strategy().name());
        assertEquals(3, log.size(), log.toString());
        assertEquals("hello-jar is plugin hello-jar 1.2.0 (JAR, sha256 " + plugin(registry, "hello-jar").checksum()
                .substring(0, 12) + ")", log.get(2), "the stage log says which version of the plugin it chose");
        assertTrue(log.get(0).startsWith("builder a-hangs failed while inspecting the source tree and was skipped")
                && log.get(0).contains("accept() did not answer within 500 ms"), log.get(0));
        assertTrue(log.get(1).contains("accept() threw java.lang.IllegalStateException: confused"), log.get(1));
        WorkerAnnounced.Plugin hangs = plugin(registry, "a-hangs");
        assertEquals(WorkerAnnounced.Status.LOADED, hangs.status(), "one tree that confuses it does not take it away");
        assertTrue(hangs.problem().startsWith("builder a-hangs: accept() did not answer within 500 ms at "), hangs.problem());
        assertTrue(plugin(registry, "b-throws").problem().contains("confused"));
        assertEquals(2, changes.get(), "each failure is announced");
    }

    @Test
    void aRestExtensionIsFoundByItsPluginsNameAndMustBearIt() throws IOException {
        Map<String, String> api = Map.of("Slipway-Plugin-Api", "1.0");
        PluginJars.jar(plugins.resolve("echo.jar"), Map.of("Echo", extension("Echo", "echo")),
                Map.of(HTTP, "fixture.Echo"), api);
        PluginJars.jar(plugins.resolve("misnamed.jar"), Map.of("Misnamed", extension("Misnamed", "other")),
                Map.of(HTTP, "fixture.Misnamed"), api);

        PluginRegistry registry = registry();

        assertEquals(List.of("http/echo"), plugin(registry, "echo").provides().stream()
                .map(p -> p.kind() + "/" + p.name()).toList());
        assertEquals("echo", registry.httpExtension("echo").orElseThrow().name());
        assertEquals("http extension \"other\" must bear its plugin's name, \"misnamed\" (it answers under"
                + " /api/plugins/misnamed/)", problem(registry, "misnamed"));
        assertTrue(registry.httpExtension("misnamed").isEmpty() && registry.httpExtension("other").isEmpty());
    }

    private static String extension(String className, String name) {
        return "public class " + className + " implements dev.slipway.api.HttpExtension {\n"
                + "  public String name() { return \"" + name + "\"; }\n"
                + "  public Response handle(Request r, Context c) { return Response.json(200, \"{}\"); }\n"
                + "}\n";
    }

    @Test
    void aHookAnnouncesItsPointsAndOneSubscribingToAnUnknownPointIsRefused() throws IOException {
        PluginJars.jar(plugins.resolve("gate.jar"), Map.of("Gate", hook("Gate", "gate", "\"pre_deploy\", \"post_build\"")),
                Map.of(HOOK, "fixture.Gate"), API_1_0);
        PluginJars.jar(plugins.resolve("typo.jar"), Map.of("Typo", hook("Typo", "typo", "\"pre-deploy\"")),
                Map.of(HOOK, "fixture.Typo"), API_1_0);
        PluginRegistry registry = registry();

        assertEquals(List.of("pre_deploy", "post_build"), plugin(registry, "gate").provides().get(0).points());
        assertTrue(registry.hooks().stream().anyMatch(h -> h.name().equals("gate")));
        assertEquals("hook \"typo\" subscribes to unknown hook point \"pre-deploy\"; known: app_created, config_changed,"
                + " post_build, pre_deploy, post_deploy, pre_stop, app_destroyed", problem(registry, "typo"));
    }

    private static final String HOOK = "dev.slipway.api.LifecycleHook";

    /** A hook named {@code name} subscribed to {@code points} (Java string literals, comma-separated). */
    private static String hook(String className, String name, String points) {
        return "public class " + className + " implements dev.slipway.api.LifecycleHook {\n"
                + "  public String name() { return \"" + name + "\"; }\n"
                + "  public java.util.List<String> points() { return java.util.List.of(" + points + "); }\n"
                + "  public boolean accept(String point, dev.slipway.api.config.AppConfig config) { return true; }\n"
                + "  public void run(String point, dev.slipway.api.HookContext context) { }\n"
                + "}\n";
    }

    private static void goodJar(Path jar) throws IOException {
        PluginJars.jar(jar, Map.of("Hello", PluginJars.builder("Hello", "hello-jar", "")), Map.of(BUILDER, "fixture.Hello"),
                Map.of("Slipway-Plugin-Api", "1.0", "Slipway-Plugin-Name", "hello-jar", "Implementation-Version", "1.2.0"));
    }

    private static WorkerAnnounced.Plugin plugin(PluginRegistry registry, String name) {
        WorkerAnnounced.Plugin plugin = registry.descriptions().stream().filter(p -> p.name().equals(name)).findFirst()
                .orElse(null);
        assertNotNull(plugin, name + " is not among " + registry.descriptions());
        return plugin;
    }

    private static String problem(PluginRegistry registry, String name) {
        WorkerAnnounced.Plugin plugin = plugin(registry, name);
        assertEquals(WorkerAnnounced.Status.REFUSED, plugin.status(), plugin.toString());
        assertTrue(plugin.provides().isEmpty());
        return plugin.problem();
    }
}
