package dev.slipway.workers.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.Commands;
import dev.slipway.api.StageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sandbox's own parts, without a user: rlimits and the masking of a process's log file. */
class AppSandboxTest {

    private static final ResourceLimits LIMITS = new ResourceLimits(512, 64, 1L << 30, 1 << 20, Duration.ofSeconds(2));

    @TempDir
    Path dir;

    @Test
    void aLongRunningProcessLogsThroughTheMaskerSoItsFileNeverHoldsASecret() throws Exception {
        String pem = "-----BEGIN KEY-----\nAAAAsecretPemLineOne\nBBBBsecretPemLineTwo\n-----END KEY-----";
        SecretMask mask = SecretMask.of(List.of("s3cr3t-token-value", pem));
        AppSandbox sandbox = new AppSandbox(null, List.of(), LIMITS, true, mask);
        Path log = dir.resolve("web.log");

        Process app = sandbox.start(List.of("/bin/sh", "-c", "echo \"token=$TOKEN\"; printf '%s\\n' \"$PEM\"; echo done"),
                dir, Map.of("TOKEN", "s3cr3t-token-value", "PEM", pem, "PATH", "/usr/bin:/bin"), log);

        assertTrue(app.waitFor(10, TimeUnit.SECONDS));
        assertEquals(0, app.exitValue());
        String written = Files.readString(log); // all of it: the process ends when its log is written
        assertTrue(written.contains("done"), written);
        assertTrue(written.contains("token=****"), written);
        assertFalse(written.contains("s3cr3t"), written);
        assertFalse(written.contains("secretPemLine"), written);
    }

    @Test
    void theMaskerPassesLinesOnAsTheyComeNotAtTheEnd() throws Exception {
        AppSandbox sandbox = new AppSandbox(null, List.of(), LIMITS, true, SecretMask.of(List.of("hidden-value")));
        Path log = dir.resolve("web.log");

        Process app = sandbox.start(List.of("/bin/sh", "-c", "echo first hidden-value; exec sleep 30"), dir,
                Map.of("PATH", "/usr/bin:/bin"), log);
        try {
            assertEquals("first ****", awaitLine(log, "first").strip());
        } finally {
            Commands.destroyTree(app.toHandle());
        }
    }

    @Test
    void theHostsOwnProgramsAreNamedByAbsolutePathNeverLookedUpOnTheAppsPath() {
        AppSandbox sandbox = new AppSandbox(new AppUser("slip-x", 700000001, 700000001), List.of(dir.resolve("procs")),
                LIMITS, false, SecretMask.NONE);

        List<String> wrapped = sandbox.wrap(List.of("npm", "ci"));

        assertEquals(List.of("npm", "ci"), wrapped.subList(wrapped.size() - 2, wrapped.size()));
        for (String program : List.of(AppSandbox.SH, AppSandbox.PRLIMIT, AppSandbox.SETPRIV)) {
            assertTrue(program.startsWith("/") && wrapped.contains(program), program + " in " + wrapped);
        }
        assertTrue(wrapped.containsAll(List.of("--reuid=700000001", "--regid=700000001", "--clear-groups",
                "--no-new-privs")), wrapped::toString);
    }

    @Test
    void aCommandPastItsCpuTimeIsStoppedAndSaysWhichLimit() {
        AppSandbox sandbox = new AppSandbox(null, List.of(), LIMITS, false, SecretMask.NONE);
        List<String> output = new ArrayList<>();

        StageException e = org.junit.jupiter.api.Assertions.assertThrows(StageException.class, () -> Commands.run(
                sandbox, List.of("/bin/sh", "-c", "while :; do :; done"), dir, Map.of("PATH", "/usr/bin:/bin"),
                output::add, Duration.ofSeconds(20)));

        assertTrue(e.getMessage().contains("CPU time limit"), e.getMessage());
        assertTrue(e.getMessage().startsWith("/bin/sh -c"), "names the app's command, not the sandbox: " + e.getMessage());
    }

    @Test
    void aFileLargerThanTheLimitCannotBeWritten() {
        AppSandbox sandbox = new AppSandbox(null, List.of(), LIMITS, false, SecretMask.NONE);

        StageException e = org.junit.jupiter.api.Assertions.assertThrows(StageException.class, () -> Commands.run(
                sandbox, List.of("/bin/sh", "-c", "exec head -c 2000000 /dev/zero > big"), dir,
                Map.of("PATH", "/usr/bin:/bin"), line -> { }, Duration.ofSeconds(20)));

        assertTrue(e.getMessage().contains("file size limit"), e.getMessage());
    }

    private static String awaitLine(Path log, String marker) throws Exception {
        for (int i = 0; i < 100; i++) {
            if (Files.exists(log)) {
                for (String line : Files.readAllLines(log)) {
                    if (line.contains(marker)) {
                        return Files.readString(log);
                    }
                }
            }
            Thread.sleep(50);
        }
        return Files.exists(log) ? Files.readString(log) : "(no log)";
    }
}
