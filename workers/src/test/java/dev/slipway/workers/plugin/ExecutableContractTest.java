package dev.slipway.workers.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import dev.slipway.api.BuildArtifact;
import dev.slipway.workers.testkit.ExecutableBuilderContract;
import dev.slipway.workers.testkit.ExecutableDeployerContract;
import dev.slipway.workers.testkit.ExecutableHookContract;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** The suites for executables (workers' test-jar) catch what they promise to: fixture programs keep or break them. */
class ExecutableContractTest {

    private static final Path GOOD = program("good", "good");
    private static final Path COPIER = program("copier", "copier");
    private static final Path SLOPPY = program("sloppy", "sloppy");
    private static final Path TOO_NEW = program("too-new", "too-new");

    @Test
    void programsThatKeepTheProtocolPassTheirKindsSuites() {
        assertEquals(Map.of(), failures(GoodBuilderSuite.class));
        assertEquals(Map.of(), failures(GoodHookSuite.class));
        assertEquals(Map.of(), failures(CopierSuite.class));
    }

    @Test
    void aSloppyProgramFailsWhereItBreaksTheProtocol() {
        Map<String, String> failed = failures(SloppyBuilderSuite.class);

        assertEquals(Set.of("itDescribesItselfTheSameEveryTime", "anOperationItDoesNotKnowIsAnError",
                "everyStrategyAnswersAcceptByItsExitCode", "declinesAnEmptyTree", "buildsAnArtifactInItsWorkDir"),
                failed.keySet());
        assertTrue(failed.get("everyStrategyAnswersAcceptByItsExitCode").contains("printed garbage on stdout"),
                failed::toString);
        assertTrue(failed.get("buildsAnArtifactInItsWorkDir").contains("root leads outside the work directory"),
                failed::toString);
    }

    @Test
    void aProgramAWorkerRefusesFailsEveryTestWithTheReason() {
        Map<String, String> failed = failures(TooNewSuite.class);

        assertTrue(failed.keySet().containsAll(Set.of("itLoadsAsAWorkerLoadsIt", "acceptsTheSourceItBuilds",
                "buildsAnArtifactInItsWorkDir")), failed::toString);
        assertEquals("slipway-plugin-too-new is refused: speaks protocol 2.0; this Slipway supports protocol 1.0 to 1.0",
                failed.get("itLoadsAsAWorkerLoadsIt"));
    }

    /** The tests of {@code suite} that failed, and why; it must have run some. */
    private static Map<String, String> failures(Class<?> suite) {
        Map<String, String> failed = new TreeMap<>();
        Set<String> passed = new java.util.TreeSet<>();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(suite)).build(),
                new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
                        if (!(test.getSource().orElse(null) instanceof MethodSource method)) {
                            return;
                        }
                        if (result.getStatus() == TestExecutionResult.Status.FAILED) {
                            failed.put(method.getMethodName(), result.getThrowable().map(Throwable::getMessage)
                                    .orElse(""));
                        } else if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                            passed.add(method.getMethodName());
                        }
                    }
                });
        assertTrue(!passed.isEmpty() || !failed.isEmpty(), suite.getSimpleName() + " ran no tests");
        return failed;
    }

    /** The fixture {@code script} as the executable {@code slipway-plugin-<name>}, in a directory of its own. */
    private static Path program(String name, String script) {
        try {
            Path program = Files.createTempDirectory("contract-").resolve(PluginProtocol.PREFIX + name);
            try (InputStream in = ExecutableContractTest.class.getResourceAsStream("/executable-plugins/" + script)) {
                Files.write(program, in.readAllBytes());
            }
            Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwxr-xr-x"));
            program.toFile().deleteOnExit();
            program.getParent().toFile().deleteOnExit();
            return program;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A builder suite for a fixture that builds a tree holding page.txt. */
    abstract static class PageBuilderSuite extends ExecutableBuilderContract {
        @Override
        protected void writeSource(Path root) throws IOException {
            Files.writeString(root.resolve("page.txt"), "hello");
        }
    }

    static class GoodBuilderSuite extends PageBuilderSuite {
        @Override
        public Path program() {
            return GOOD;
        }

        @Override
        protected boolean writeBrokenSource(Path root) throws IOException {
            writeSource(root);
            Files.writeString(root.resolve("fail"), "");
            return true;
        }
    }

    static class GoodHookSuite extends ExecutableHookContract {
        @Override
        public Path program() {
            return GOOD;
        }

        @Override
        protected String point() {
            return "post_deploy";
        }
    }

    static class CopierSuite extends ExecutableDeployerContract {
        @Override
        public Path program() {
            return COPIER;
        }

        @Override
        protected BuildArtifact artifact(Path root) {
            return new BuildArtifact(BuildArtifact.STATIC, root, Map.of(), Map.of(), List.of(), "good", "good");
        }
    }

    static class SloppyBuilderSuite extends PageBuilderSuite {
        @Override
        public Path program() {
            return SLOPPY;
        }
    }

    static class TooNewSuite extends PageBuilderSuite {
        @Override
        public Path program() {
            return TOO_NEW;
        }
    }
}
