package dev.slipway.orchestrator.deployment.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.orchestrator.Refused;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GitSourceTest {

    @Test
    void credentialsInTheUrlAreNeverShown() {
        assertEquals("git https://git.example.com/team/app.git main",
                GitSource.describe(new GitSource.Request("https://bot:s3cret@git.example.com/team/app.git", "main")));
        assertEquals("git (not a URL)", GitSource.describe(new GitSource.Request("ht tp://x", null)));
        assertEquals("git", GitSource.describe(null));
    }

    @Test
    void schemesOutsideTheAllowListAndOddRefsAreRefusedBeforeGitRuns() {
        GitSource git = new GitSource(java.util.List.of("https"), 1024 * 1024);

        Refused ext = assertThrows(Refused.class,
                () -> git.fetch(new GitSource.Request("ext::sh -c touch% /tmp/pwned", null)));
        assertEquals(Refused.Kind.INVALID, ext.kind());
        Refused file = assertThrows(Refused.class,
                () -> git.fetch(new GitSource.Request("file:///etc", null)));
        assertEquals("git URL scheme \"file\" is not allowed; allowed: https (slipway.git.protocols)", file.getMessage());
        Refused option = assertThrows(Refused.class,
                () -> git.fetch(new GitSource.Request("https://git.example.com/a.git", "--upload-pack=touch")));
        assertEquals("git ref \"--upload-pack=touch\" is not a branch or tag name", option.getMessage());
    }

    @Test
    void gitReadsNoConfigurationOfTheServiceAndNeverItsHome(@TempDir Path home) {
        Map<String, String> env = GitSource.environment(Map.of("PATH", "/usr/bin", "HOME", "/root",
                "GIT_CONFIG_PARAMETERS", "'credential.helper'='store'", "SSH_AUTH_SOCK", "/tmp/agent"), home, List.of("https"));
        assertEquals(home.toString(), env.get("HOME"));
        assertEquals("1", env.get("GIT_CONFIG_NOSYSTEM"));
        assertEquals("/dev/null", env.get("GIT_CONFIG_GLOBAL"));
        assertEquals("0", env.get("GIT_TERMINAL_PROMPT"));
        assertEquals("https", env.get("GIT_ALLOW_PROTOCOL"));
        assertEquals("/usr/bin", env.get("PATH"));
        assertFalse(env.containsKey("GIT_CONFIG_PARAMETERS"));
        assertFalse(env.containsKey("SSH_AUTH_SOCK"));
    }

    @Test
    void aCloneLargerThanTheLimitIsStopped(@TempDir Path dir) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repo"));
        byte[] noise = new byte[3 * 1024 * 1024];
        new Random(1).nextBytes(noise);
        Files.write(repo.resolve("big.bin"), noise);
        git(repo, "init", "--quiet", "--initial-branch=main");
        git(repo, "add", ".");
        git(repo, "-c", "user.email=t@slipway.dev", "-c", "user.name=t", "commit", "--quiet", "-m", "big");

        Refused e = assertThrows(Refused.class, () -> new GitSource(List.of("file"), 1024 * 1024)
                .fetch(new GitSource.Request("file://" + repo, "main")));

        assertEquals(Refused.Kind.INVALID, e.kind());
        assertEquals("git clone of file://" + repo + " failed: the clone grew past 1 MiB and was stopped"
                + " (slipway.git.max-bytes)", e.getMessage());
        Path archive = new GitSource(List.of("file"), 8 * 1024 * 1024).fetch(new GitSource.Request("file://" + repo, null));
        assertTrue(Files.size(archive) > 3 * 1024 * 1024);
        Files.delete(archive);
    }

    private static void git(Path dir, String... args) throws Exception {
        Process git = new ProcessBuilder(Stream.concat(Stream.of("git"), Stream.of(args)).toList())
                .directory(dir.toFile()).inheritIO().start();
        assertEquals(0, git.waitFor(), "git " + String.join(" ", args));
    }
}
