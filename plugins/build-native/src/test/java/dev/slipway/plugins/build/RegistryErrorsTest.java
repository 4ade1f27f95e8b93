package dev.slipway.plugins.build;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.StageException;
import dev.slipway.api.testkit.FakeStageContext;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An install that failed on the registry's passing trouble is retryable; the app's own mistakes are not. */
class RegistryErrorsTest {

    @TempDir
    Path dir;

    @Test
    void aNetworkErrorOfNpmMakesTheFailureRetryable() throws Exception {
        StageException e = failure("npm error code ETIMEDOUT", RegistryErrors.NPM);

        assertTrue(e.retryable(), e::getMessage);
        assertTrue(e.getMessage().contains("the package registry could not be reached (\"npm error code ETIMEDOUT\")"),
                e.getMessage());
        assertTrue(failure("npm ERR! network request to https://registry.npmjs.org/ms failed", RegistryErrors.NPM)
                .retryable());
        assertTrue(failure("  pip._vendor.urllib3.exceptions.ReadTimeoutError: HTTPSConnectionPool", RegistryErrors.PIP)
                .retryable());
        assertTrue(failure("[ERROR] Could not transfer artifact org.x:y:1.0 from/to central", RegistryErrors.MAVEN)
                .retryable());
    }

    @Test
    void theAppsOwnMistakesAreNotRetryable() throws Exception {
        assertFalse(failure("npm error code E404", RegistryErrors.NPM).retryable());
        assertFalse(failure("npm error code ETARGET", RegistryErrors.NPM).retryable());
        assertFalse(failure("ERROR: No matching distribution found for nosuchpackage", RegistryErrors.PIP).retryable());
        assertFalse(failure("[ERROR] Could not find artifact org.x:y:jar:1.0 in central", RegistryErrors.MAVEN)
                .retryable());
    }

    @Test
    void aNetworkWordInASucceedingInstallChangesNothing() throws Exception {
        FakeStageContext context = FakeStageContext.in(dir).env("PATH", System.getenv("PATH"));

        RegistryErrors.run(context, List.of("sh", "-c", "echo 'npm error code ECONNRESET (then it retried)'"), dir,
                Duration.ofSeconds(30), RegistryErrors.NPM);

        assertTrue(context.lines().contains("npm error code ECONNRESET (then it retried)"), context.lines()::toString);
    }

    private StageException failure(String printed, Pattern signs) {
        FakeStageContext context = FakeStageContext.in(dir).env("PATH", System.getenv("PATH")).env("OUT", printed);
        return assertThrows(StageException.class, () -> RegistryErrors.run(context,
                List.of("sh", "-c", "echo \"$OUT\"; exit 1"), dir, Duration.ofSeconds(30), signs));
    }
}
