package dev.slipway.orchestrator.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.slipway.orchestrator.api.ApiException;
import org.junit.jupiter.api.Test;

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
        GitSource git = new GitSource(java.util.List.of("https"));

        ApiException ext = assertThrows(ApiException.class,
                () -> git.fetch(new GitSource.Request("ext::sh -c touch% /tmp/pwned", null)));
        assertEquals(400, ext.status().getStatusCode());
        ApiException file = assertThrows(ApiException.class,
                () -> git.fetch(new GitSource.Request("file:///etc", null)));
        assertEquals("git URL scheme \"file\" is not allowed; allowed: https (slipway.git.protocols)", file.getMessage());
        ApiException option = assertThrows(ApiException.class,
                () -> git.fetch(new GitSource.Request("https://git.example.com/a.git", "--upload-pack=touch")));
        assertEquals("git ref \"--upload-pack=touch\" is not a branch or tag name", option.getMessage());
    }
}
