package dev.slipway.orchestrator.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class GitHostTest {

    private static final byte[] BODY = "{\"ref\":\"refs/heads/main\"}".getBytes(StandardCharsets.UTF_8);
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void eachHostsSignatureIsCheckedAgainstTheSecret() {
        // HMAC-SHA256 of BODY with "s3cret", computed independently (openssl dgst -sha256 -hmac s3cret).
        String hmac = GitHost.hmac("s3cret", BODY);
        assertEquals("232a5e067b6a5aa567ed5a1d21a0dffaf6ef0eeecb6bd9bcf43b3d5ef3fc4f43", hmac);

        assertTrue(GitHost.GITHUB.verify(Map.of("X-Hub-Signature-256", "sha256=" + hmac)::get, BODY, "s3cret"));
        assertFalse(GitHost.GITHUB.verify(Map.of("X-Hub-Signature-256", "sha256=" + hmac)::get, BODY, "other"));
        assertFalse(GitHost.GITHUB.verify(Map.<String, String>of()::get, BODY, "s3cret"));
        assertTrue(GitHost.GITEA.verify(Map.of("X-Gitea-Signature", hmac)::get, BODY, "s3cret"));
        assertFalse(GitHost.GITEA.verify(Map.of("X-Gitea-Signature", hmac)::get,
                "{\"ref\":\"refs/heads/evil\"}".getBytes(StandardCharsets.UTF_8), "s3cret"));
        assertTrue(GitHost.GITLAB.verify(Map.of("X-Gitlab-Token", "s3cret")::get, BODY, "s3cret"));
        assertFalse(GitHost.GITLAB.verify(Map.of("X-Gitlab-Token", "s3cre")::get, BODY, "s3cret"));
    }

    @Test
    void theHmacIsTheStandardOne() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        assertEquals("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
                GitHost.hmac("Jefe", "what do ya want for nothing?".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsThePushOfEachHostsPayload() throws Exception {
        assertEquals(Optional.of(new PushEvent("https://github.com/o/r.git", "main", "main", false, "r")),
                GitHost.GITHUB.push(json.readTree("{\"ref\":\"refs/heads/main\",\"after\":\"abc\",\"deleted\":false,"
                        + "\"repository\":{\"name\":\"r\",\"clone_url\":\"https://github.com/o/r.git\",\"default_branch\":\"main\"}}")));
        assertEquals(Optional.of(new PushEvent("https://gitlab.com/o/r.git", "dev", "main", true, "r")),
                GitHost.GITLAB.push(json.readTree("{\"ref\":\"refs/heads/dev\","
                        + "\"after\":\"0000000000000000000000000000000000000000\","
                        + "\"project\":{\"path\":\"r\",\"name\":\"R (display name)\",\"git_http_url\":\"https://gitlab.com/o/r.git\",\"default_branch\":\"main\"}}")));
        assertEquals(Optional.empty(), GitHost.GITEA.push(json.readTree("{\"ref\":\"refs/tags/v1\","
                + "\"repository\":{\"clone_url\":\"https://gitea.example.com/o/r.git\"}}")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GitHost.GITHUB.push(json.readTree("{\"ref\":\"refs/heads/main\"}")));
        assertEquals("the payload has no \"clone_url\"", e.getMessage());
    }

    @Test
    void eachHostNamesItsDeliveries() {
        assertEquals("d-1", GitHost.GITHUB.delivery(Map.of("X-GitHub-Delivery", "d-1")::get));
        assertEquals("d-2", GitHost.GITEA.delivery(Map.of("X-Gitea-Delivery", " d-2 ")::get));
        assertEquals("d-3", GitHost.GITLAB.delivery(Map.of("X-Gitlab-Event-UUID", "d-3")::get));
        assertEquals(null, GitHost.GITHUB.delivery(Map.of("X-Gitea-Delivery", "d-2")::get));
    }
}
