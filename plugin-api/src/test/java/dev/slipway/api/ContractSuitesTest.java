package dev.slipway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.slipway.api.config.AppConfig;
import dev.slipway.api.testkit.BuilderContract;
import dev.slipway.api.testkit.DeployerContract;
import dev.slipway.api.testkit.HookContract;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** The contract suites catch what they promise to: each is run against a plugin that breaks it. */
class ContractSuitesTest {

    @Test
    void theBuilderContractCatchesABuilderWithSideEffectsAndBadFailures() {
        assertEquals(Set.of("itsNameIsOneConfigurationCanUse", "theServiceLoaderFindsIt", "declinesAnEmptyTree",
                "acceptChangesNothing", "buildsAnArtifactInItsWorkDir", "aBrokenSourceFailsWithAStageException"),
                failures(SloppyBuilderSuite.class));
    }

    @Test
    void theDeployerContractCatchesAReleaseThatOutlivesItsStop() {
        assertEquals(Set.of("theServiceLoaderFindsIt", "deploysAReleaseThatStopStops"), failures(LeakyDeployerSuite.class));
    }

    @Test
    void theHookContractCatchesPointsOutsideTheCatalogue() {
        assertEquals(Set.of("theServiceLoaderFindsIt", "itSubscribesOnlyToPointsOfTheCatalogue", "declinesWhenItHasNothingToDo"),
                failures(OffCatalogueHookSuite.class));
    }

    /** The names of the tests of {@code suite} that failed. */
    private static Set<String> failures(Class<?> suite) {
        Set<String> failed = new TreeSet<>();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(suite)).build(),
                new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                        if (result.getStatus() == TestExecutionResult.Status.FAILED
                                && test.getSource().orElse(null) instanceof MethodSource method) {
                            failed.add(method.getMethodName());
                        }
                    }
                });
        return failed;
    }

    /** Not registered, badly named, writes in accept(), builds outside its work dir, fails with a RuntimeException. */
    static class SloppyBuilderSuite extends BuilderContract {
        @Override
        protected Builder strategy() {
            return new Builder() {
                @Override
                public String name() {
                    return "Sloppy Builder";
                }

                @Override
                public boolean accept(SourceTree source) {
                    try {
                        Files.writeString(source.root().resolve("accepted"), "yes");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                    return true;
                }

                @Override
                public BuildArtifact build(BuildContext context) {
                    if (context.source().has("broken")) {
                        throw new IllegalStateException("oops");
                    }
                    return new BuildArtifact(BuildArtifact.STATIC, Path.of("/tmp"), Map.of(), Map.of(), List.of(),
                            name(), "none");
                }
            };
        }

        @Override
        protected void writeSource(Path root) throws Exception {
            Files.writeString(root.resolve("index.html"), "<h1>hi</h1>");
        }

        @Override
        protected boolean writeBrokenSource(Path root) throws Exception {
            Files.writeString(root.resolve("broken"), "");
            return true;
        }
    }

    /** Its "release" is a socket that its stop() leaves open. */
    static class LeakyDeployerSuite extends DeployerContract {
        private static final List<ServerSocket> LEAKED = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Override
        protected Deployer strategy() {
            return new Deployer() {
                @Override
                public String name() {
                    return "leaky";
                }

                @Override
                public boolean accept(BuildArtifact artifact) {
                    return artifact.kind().equals(BuildArtifact.PROCESS);
                }

                @Override
                public DeploymentInfo deploy(DeployContext context) throws StageException {
                    try {
                        ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
                        LEAKED.add(socket);
                        return DeploymentInfo.upstream(context.app(), "1", name(), "127.0.0.1", socket.getLocalPort(),
                                Map.of());
                    } catch (IOException e) {
                        throw new StageException("no port: " + e.getMessage());
                    }
                }

                @Override
                public void stop(DeploymentInfo release, StageContext context) {
                }
            };
        }

        @Override
        protected BuildArtifact artifact(Path root) {
            return new BuildArtifact(BuildArtifact.PROCESS, root, Map.of("web", "serve"), Map.of(), List.of(), "x", "y");
        }

        @Override
        protected Duration stopGrace() {
            return Duration.ofMillis(300);
        }

        @org.junit.jupiter.api.AfterAll
        static void closeLeaks() throws IOException {
            for (ServerSocket socket : LEAKED) {
                socket.close();
            }
        }
    }

    /** Subscribes to a point nobody calls, and always has work. */
    static class OffCatalogueHookSuite extends HookContract {
        @Override
        protected LifecycleHook strategy() {
            return new LifecycleHook() {
                @Override
                public String name() {
                    return "off-catalogue";
                }

                @Override
                public List<String> points() {
                    return List.of(HookPoints.POST_DEPLOY, "post_lunch");
                }

                @Override
                public boolean accept(String point, AppConfig config) {
                    return true;
                }

                @Override
                public void run(String point, HookContext context) {
                }
            };
        }

        @Override
        protected String point() {
            return HookPoints.POST_DEPLOY;
        }

        @Override
        protected AppConfig configWithWork() {
            return AppConfig.empty();
        }
    }
}
