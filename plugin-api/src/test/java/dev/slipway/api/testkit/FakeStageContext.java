package dev.slipway.api.testkit;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.BuildContext;
import dev.slipway.api.DeployContext;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.DeploymentMetadata;
import dev.slipway.api.HookContext;
import dev.slipway.api.LanguageToolchain;
import dev.slipway.api.PluginStorage;
import dev.slipway.api.ProcessMonitor;
import dev.slipway.api.ProxyContext;
import dev.slipway.api.Sandbox;
import dev.slipway.api.SourceTree;
import dev.slipway.api.StageLog;
import dev.slipway.api.config.AppConfig;
import dev.slipway.api.config.AppConfigLoader;
import dev.slipway.api.config.ConfigException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stage context for a plugin's own tests: every kind of stage at once (build, deploy, proxy,
 * hook), with what the worker would give and nothing of the worker. The stage log is kept in
 * {@link #lines()}; storage and deployment metadata are kept in memory and shared with the contexts
 * made by {@link #nextStage(Path)}, as a later stage of the same deployment sees them.
 */
public final class FakeStageContext implements BuildContext, DeployContext, ProxyContext, HookContext {

    private final UUID deploymentId;
    private final Path workDir;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final MemoryStorage storage;
    private final MemoryMetadata metadata;
    private String app = "demo";
    private final Map<String, String> env = new HashMap<>();
    private final Map<String, String> config = new LinkedHashMap<>();
    private SourceTree source;
    private List<LanguageToolchain> toolchains;
    private BuildArtifact artifact;
    private AppConfig appConfig = AppConfig.empty();
    private List<String> domains = List.of("demo.slipway.test");
    private DeploymentInfo release;
    private Sandbox sandbox = Sandbox.none();
    private ProcessMonitor processes = ProcessMonitor.none();

    private FakeStageContext(UUID deploymentId, Path workDir, MemoryStorage storage, MemoryMetadata metadata) {
        this.deploymentId = deploymentId;
        this.workDir = workDir;
        this.storage = storage;
        this.metadata = metadata;
        // What a worker passes through from its own environment to a stage's processes.
        for (String name : List.of("PATH", "HOME", "LANG")) {
            String value = System.getenv(name);
            if (value != null) {
                env.put(name, value);
            }
        }
    }

    /** A context for app {@code demo} of a new deployment, writing to {@code workDir}. */
    public static FakeStageContext in(Path workDir) {
        return new FakeStageContext(UUID.randomUUID(), workDir, new MemoryStorage(), new MemoryMetadata());
    }

    /** A context for a later stage of the same deployment: same app, storage and metadata, its own work dir. */
    public FakeStageContext nextStage(Path workDir) {
        FakeStageContext next = new FakeStageContext(deploymentId, workDir, storage, metadata);
        next.app = app;
        next.env.putAll(env);
        next.config.putAll(config);
        next.source = source;
        next.toolchains = toolchains;
        next.artifact = artifact;
        next.appConfig = appConfig;
        next.domains = domains;
        next.release = release;
        next.sandbox = sandbox;
        next.processes = processes;
        return next;
    }

    public FakeStageContext app(String name) {
        this.app = name;
        return this;
    }

    /** One setting, as the operator would set {@code slipway.plugins.<name>.<key>}. */
    public FakeStageContext config(String key, String value) {
        config.put(key, value);
        return this;
    }

    public FakeStageContext config(Map<String, String> settings) {
        config.putAll(settings);
        return this;
    }

    public FakeStageContext env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** More environment, e.g. the whole of this machine's for a build that needs its proxies and caches. */
    public FakeStageContext env(Map<String, String> more) {
        env.putAll(more);
        return this;
    }

    /** The source to build: {@code root} with its configuration files read as the worker reads them. */
    public FakeStageContext source(Path root) throws ConfigException, IOException {
        this.source = new SourceTree(root, AppConfigLoader.load(root));
        this.appConfig = source.config();
        return this;
    }

    public FakeStageContext toolchains(List<LanguageToolchain> toolchains) {
        this.toolchains = List.copyOf(toolchains);
        return this;
    }

    public FakeStageContext artifact(BuildArtifact artifact) {
        this.artifact = artifact;
        return this;
    }

    public FakeStageContext appConfig(AppConfig appConfig) {
        this.appConfig = appConfig;
        return this;
    }

    public FakeStageContext domains(List<String> domains) {
        this.domains = List.copyOf(domains);
        return this;
    }

    public FakeStageContext release(DeploymentInfo release) {
        this.release = release;
        return this;
    }

    public FakeStageContext sandbox(Sandbox sandbox) {
        this.sandbox = sandbox;
        return this;
    }

    /** Where a deployer's process reports go, e.g. a {@link RecordingMonitor}. */
    public FakeStageContext processes(ProcessMonitor monitor) {
        this.processes = monitor;
        return this;
    }

    /** Every line the strategy logged, in order. */
    public List<String> lines() {
        return new ArrayList<>(lines);
    }

    @Override
    public String app() {
        return app;
    }

    @Override
    public UUID deploymentId() {
        return deploymentId;
    }

    @Override
    public Path workDir() {
        return workDir;
    }

    @Override
    public Map<String, String> env() {
        return Map.copyOf(env);
    }

    @Override
    public StageLog log() {
        return lines::add;
    }

    @Override
    public Map<String, String> config() {
        return Map.copyOf(config);
    }

    @Override
    public Sandbox sandbox() {
        return sandbox;
    }

    @Override
    public ProcessMonitor processes() {
        return processes;
    }

    @Override
    public PluginStorage storage() {
        return storage;
    }

    @Override
    public DeploymentMetadata metadata() {
        return metadata;
    }

    /** The source set with {@link #source(Path)}; if none was, the work dir read as a source tree. */
    @Override
    public SourceTree source() {
        if (source == null) {
            try {
                source(workDir);
            } catch (ConfigException | IOException e) {
                throw new IllegalStateException("the work dir " + workDir + " is not a source tree: " + e.getMessage(), e);
            }
        }
        return source;
    }

    /** The toolchains set, or those on the class path as a worker finds built-in ones. */
    @Override
    public List<LanguageToolchain> toolchains() {
        if (toolchains == null) {
            toolchains = ServiceLoader.load(LanguageToolchain.class).stream().map(ServiceLoader.Provider::get).toList();
        }
        return toolchains;
    }

    @Override
    public BuildArtifact artifact() {
        return artifact;
    }

    @Override
    public AppConfig appConfig() {
        return appConfig;
    }

    @Override
    public List<String> domains() {
        return domains;
    }

    @Override
    public DeploymentInfo release() {
        return release;
    }
}
