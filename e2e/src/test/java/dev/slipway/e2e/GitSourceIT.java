package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A deployment's source can be a branch of a git repository (file:// is allowed for this stack only). */
@ExtendWith(SlipwayStack.class)
class GitSourceIT {

    private final Api api = SlipwayStack.api();

    @Test
    void deploysABranchOfARepositoryAndRefusesWhatGitCannotOrMustNotFetch(@TempDir Path dir) throws Exception {
        Path repo = repository(dir.resolve("repo"));
        String url = "file://" + repo;
        api.createApp("from-git");

        Api.Answer accepted = api.deployGit("from-git", url, "main");
        assertEquals(202, accepted.status(), accepted::toString);
        String id = accepted.body().get("id").asText();
        List<Api.Event> events = api.events(id);

        assertEquals("SUCCEEDED", api.get("/api/deployments/" + id).body().get("state").asText(), events::toString);
        assertEquals("git " + url + " main", events.get(0).data().get("source").asText());
        assertTrue(api.viaProxy("from-git.localhost").body().contains("Hello from static-hello"));

        Api.Answer noBranch = api.deployGit("from-git", url, "no-such-branch");
        assertEquals(400, noBranch.status());
        assertTrue(noBranch.body().get("error").asText().startsWith("git clone of " + url + " failed"), noBranch.toString());
        Api.Answer ext = api.deployGit("from-git", "ext::sh -c touch% /tmp/slipway-pwned", null);
        assertEquals(400, ext.status());
        assertTrue(Files.notExists(Path.of("/tmp/slipway-pwned")));
    }

    @Test
    void aCloneLargerThanTheLimitIsStoppedAndCredentialsAreNeverShown(@TempDir Path dir) throws Exception {
        Path repo = repository(dir.resolve("big"));
        byte[] noise = new byte[(int) (2 * SlipwayStack.GIT_LIMIT)];
        new java.util.Random(3).nextBytes(noise);
        Files.write(repo.resolve("noise.bin"), noise);
        git(repo, "add", ".");
        git(repo, "-c", "user.email=e2e@slipway.dev", "-c", "user.name=e2e", "commit", "--quiet", "-m", "noise");
        api.createApp("big-git");

        Api.Answer big = api.deployGit("big-git", "file://" + repo, "main");
        assertEquals(400, big.status(), big::toString);
        assertEquals("git clone of file://" + repo + " failed: the clone grew past 2 MiB and was stopped"
                + " (slipway.git.max-bytes)", big.body().get("error").asText());
        assertTrue(api.get("/api/apps/big-git").body().get("deployments").isEmpty());

        for (String url : List.of("https://bot:s3cret-tok@my_host.invalid/x.git", "https://host.invalid/x.git?private_token=s3cret-tok")) {
            Api.Answer refused = api.deployGit("big-git", url, null);
            assertEquals(400, refused.status(), refused::toString);
            assertTrue(!refused.toString().contains("s3cret-tok"), refused.toString());
        }
    }

    /** A git repository with examples/static-hello committed on branch main. */
    static Path repository(Path repo) throws Exception {
        Files.createDirectories(repo);
        try (Stream<Path> files = Files.list(SlipwayStack.REPO.resolve("examples/static-hello"))) {
            for (Path file : files.toList()) {
                Files.copy(file, repo.resolve(file.getFileName().toString()));
            }
        }
        git(repo, "init", "--quiet", "--initial-branch=main");
        git(repo, "add", ".");
        git(repo, "-c", "user.email=e2e@slipway.dev", "-c", "user.name=e2e", "commit", "--quiet", "-m", "static-hello");
        return repo;
    }

    private static void git(Path dir, String... args) throws Exception {
        Process git = new ProcessBuilder(Stream.concat(Stream.of("git"), Stream.of(args)).toList())
                .directory(dir.toFile()).inheritIO().start();
        assertEquals(0, git.waitFor(), "git " + String.join(" ", args));
    }
}
