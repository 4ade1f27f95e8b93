package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A signed push webhook deploys the pushed branch; anything unsigned or off-branch does not. */
@ExtendWith(SlipwayStack.class)
class WebhookIT {

    private final Api api = SlipwayStack.api();

    @Test
    void aSignedGithubPushToTheDefaultBranchDeploysIt(@TempDir Path dir) throws Exception {
        String url = "file://" + GitSourceIT.repository(dir.resolve("repo"));
        api.createApp("pushed");
        String push = "{\"ref\":\"refs/heads/main\",\"after\":\"1111111111111111111111111111111111111111\","
                + "\"repository\":{\"clone_url\":\"" + url + "\",\"default_branch\":\"main\"}}";

        Api.Answer forged = api.webhook("github?app=pushed", push, Map.of("X-GitHub-Event", "push",
                "X-Hub-Signature-256", "sha256=" + hmac("not-the-secret", push)));
        assertEquals(401, forged.status(), forged::toString);

        Api.Answer otherBranch = api.webhook("github?app=pushed", push.replace("refs/heads/main", "refs/heads/wip"),
                Map.of("X-GitHub-Event", "push", "X-Hub-Signature-256",
                        "sha256=" + hmac(SlipwayStack.WEBHOOK_SECRET, push.replace("refs/heads/main", "refs/heads/wip"))));
        assertEquals(200, otherBranch.status());
        assertTrue(otherBranch.body().get("message").asText().contains("pushed deploys main"), otherBranch.toString());

        Api.Answer accepted = api.webhook("github?app=pushed", push, Map.of("X-GitHub-Event", "push",
                "X-Hub-Signature-256", "sha256=" + hmac(SlipwayStack.WEBHOOK_SECRET, push)));
        assertEquals(202, accepted.status(), accepted::toString);
        String id = accepted.body().get("id").asText();
        api.events(id);

        assertEquals("SUCCEEDED", api.get("/api/deployments/" + id).body().get("state").asText());
        assertTrue(api.viaProxy("pushed.localhost").body().contains("Hello from static-hello"));
    }

    private static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
