package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** A signed push webhook deploys the pushed branch once; anything unsigned, off-branch, replayed or too large does not. */
@ExtendWith(SlipwayStack.class)
class WebhookIT {

    private final Api api = SlipwayStack.api();

    @Test
    void aSignedGithubPushToTheDefaultBranchDeploysItOnce(@TempDir Path dir) throws Exception {
        String url = "file://" + GitSourceIT.repository(dir.resolve("repo"));
        api.createApp("pushed");
        String push = push("pushed", url, "main");

        Api.Answer forged = api.webhook("github?app=pushed", push, github(push, "not-the-secret", delivery()));
        assertEquals(401, forged.status(), forged::toString);

        String wip = push("pushed", url, "wip");
        Api.Answer otherBranch = api.webhook("github?app=pushed", wip, github(wip, SlipwayStack.WEBHOOK_SECRET, delivery()));
        assertEquals(200, otherBranch.status());
        assertTrue(otherBranch.body().get("message").asText().contains("pushed deploys main"), otherBranch.toString());

        Map<String, String> signed = github(push, SlipwayStack.WEBHOOK_SECRET, delivery());
        Api.Answer accepted = api.webhook("github?app=pushed", push, signed);
        assertEquals(202, accepted.status(), accepted::toString);
        String id = accepted.body().get("id").asText();
        api.events(id);
        assertEquals("SUCCEEDED", api.get("/api/deployments/" + id).body().get("state").asText());
        assertTrue(api.viaProxy("pushed.localhost").body().contains("Hello from static-hello"));

        Api.Answer replayed = api.webhook("github?app=pushed", push, signed);
        assertEquals(200, replayed.status(), replayed::toString);
        assertTrue(replayed.body().get("message").asText().contains("was received before"), replayed.toString());
        assertEquals(1, api.get("/api/apps/pushed").body().get("deployments").size(), "the replay deployed nothing");
    }

    @Test
    void withTheSharedSecretTheUrlCannotRedirectAPushToAnotherAppOrBranch(@TempDir Path dir) throws Exception {
        String url = "file://" + GitSourceIT.repository(dir.resolve("repo"));
        api.createApp("victim");
        String push = push("elsewhere", url, "main");

        Api.Answer redirected = api.webhook("github?app=victim", push, github(push, SlipwayStack.WEBHOOK_SECRET, delivery()));
        assertEquals(403, redirected.status(), redirected::toString);
        assertTrue(redirected.body().get("error").asText().contains("\"elsewhere\" is not \"victim\""), redirected.toString());

        String own = push("victim", url, "main");
        Api.Answer branch = api.webhook("github?app=victim&branch=main", own, github(own, SlipwayStack.WEBHOOK_SECRET, delivery()));
        assertEquals(400, branch.status(), branch::toString);
        assertTrue(api.get("/api/apps/victim").body().get("deployments").isEmpty());
    }

    @Test
    void anAppsOwnSecretReplacesTheSharedOneAndIsNeverShown(@TempDir Path dir) throws Exception {
        String url = "file://" + GitSourceIT.repository(dir.resolve("repo"));
        api.createApp("own-secret");
        String secret = "own-secret-" + UUID.randomUUID();
        assertEquals(200, api.put("/api/apps/own-secret/webhook", Map.of("secret", secret)).status());
        Api.Answer shown = api.get("/api/apps/own-secret/webhook");
        assertEquals("app", shown.body().get("secret").asText(), shown::toString);
        assertFalse(shown.toString().contains(secret));
        assertEquals(400, api.put("/api/apps/own-secret/webhook", Map.of("secret", "short")).status());

        // Any repository name, and a branch: the app's own secret binds the app.
        String push = push("some-repo", url, "main");
        Api.Answer shared = api.webhook("gitea?app=own-secret", push, gitea(push, SlipwayStack.WEBHOOK_SECRET));
        assertEquals(401, shared.status(), shared::toString);
        Api.Answer accepted = api.webhook("gitea?app=own-secret&branch=main", push, gitea(push, secret));
        assertEquals(202, accepted.status(), accepted::toString);
        api.events(accepted.body().get("id").asText());
    }

    @Test
    void aBodyPastTheLimitIsRefusedDeclaredOrChunked() throws Exception {
        byte[] large = ("{\"pad\":\"" + "x".repeat((int) SlipwayStack.WEBHOOK_LIMIT) + "\"}").getBytes(StandardCharsets.UTF_8);
        Map<String, String> headers = Map.of("X-GitHub-Event", "push");

        Api.Answer declared = api.webhook("github?app=pushed", new String(large, StandardCharsets.UTF_8), headers);
        assertEquals(413, declared.status(), declared::toString);
        Api.Answer chunked = api.webhookChunked("github?app=pushed", large, headers);
        assertEquals(413, chunked.status(), chunked::toString);
        assertTrue(chunked.body().get("error").asText().contains("slipway.webhooks.max-bytes"), chunked::toString);
    }

    static String push(String repository, String url, String branch) {
        return "{\"ref\":\"refs/heads/" + branch + "\",\"after\":\"1111111111111111111111111111111111111111\","
                + "\"repository\":{\"name\":\"" + repository + "\",\"clone_url\":\"" + url + "\",\"default_branch\":\"main\"}}";
    }

    private static String delivery() {
        return UUID.randomUUID().toString();
    }

    private static Map<String, String> github(String body, String secret, String delivery) throws Exception {
        return Map.of("X-GitHub-Event", "push", "X-GitHub-Delivery", delivery, "X-Hub-Signature-256",
                "sha256=" + hmac(secret, body));
    }

    private static Map<String, String> gitea(String body, String secret) throws Exception {
        return Map.of("X-Gitea-Event", "push", "X-Gitea-Delivery", delivery(), "X-Gitea-Signature", hmac(secret, body));
    }

    private static String hmac(String secret, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }
}
