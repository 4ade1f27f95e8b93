package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** No app can take another's traffic, Slipway's own names or the machine's. */
@ExtendWith(SlipwayStack.class)
class DomainClaimsIT {

    private final Api api = SlipwayStack.api();

    @Test
    void anAppCannotClaimWhatAnotherHoldsNorTheBaseDomainLocalhostOrAnAddress(@TempDir Path dir) throws Exception {
        api.createApp("holder");
        api.createApp("hijacker");
        Api.Outcome held = api.deploy("holder", site(dir.resolve("a"), "Shop.Example.COM."));
        assertEquals("SUCCEEDED", held.state(), held::toString);

        assertRefused(409, "shop.example.com", "is held by app \"holder\"", dir);
        assertRefused(409, "SHOP.example.com.", "is held by app \"holder\"", dir);
        assertRefused(400, "holder.localhost", "is held by app \"holder\" (every app answers to <app>.localhost"
                + " and the names under it)", dir);
        assertRefused(400, "localhost", "is the base domain, held by Slipway itself: apps answer to <app>.localhost", dir);
        assertRefused(400, "api.localhost", "is reserved for Slipway itself (api.localhost)", dir);
        assertRefused(400, "127.0.0.1", "is an IP address, not a host name: it reaches the server itself, not one app", dir);
        assertTrue(api.viaProxy("shop.example.com").body().contains("Hello from static-hello"), "the holder still serves it");
    }

    @Test
    void reservedAppNamesAreRefused() throws Exception {
        Api.Answer answer = api.createApp("api");
        assertEquals(400, answer.status());
        assertTrue(answer.body().get("error").asText().startsWith("app name \"api\" is reserved for Slipway itself"),
                answer::toString);
    }

    @Test
    void aDeletedAppsDomainsAreFreeAgain(@TempDir Path dir) throws Exception {
        api.createApp("first-owner");
        assertEquals(202, api.upload("first-owner", Api.pack(site(dir.resolve("a"), "free.example.com"))).status());
        assertEquals("SUCCEEDED", awaitCurrent("first-owner"));
        assertEquals(202, api.delete("/api/apps/first-owner").status());
        api.createApp("next-owner");
        Api.Outcome taken = api.deploy("next-owner", site(dir.resolve("b"), "free.example.com"));
        assertEquals("SUCCEEDED", taken.state(), taken::toString);
    }

    private String awaitCurrent(String app) throws Exception {
        String id = api.get("/api/apps/" + app).body().get("deployments").get(0).get("id").asText();
        api.events(id);
        return api.get("/api/deployments/" + id).body().get("state").asText();
    }

    private void assertRefused(int status, String domain, String problem, Path dir) throws Exception {
        Api.Answer answer = api.upload("hijacker", Api.pack(site(Files.createTempDirectory(dir, "b"), domain)));
        assertEquals(status, answer.status(), answer::toString);
        assertEquals("slipway.toml: [proxy] domains \"" + domain.toLowerCase().replaceAll("\\.$", "") + "\" " + problem,
                answer.body().get("error").asText());
    }

    /** examples/static-hello asking for {@code domain}. */
    private static Path site(Path dir, String domain) throws Exception {
        Files.createDirectories(dir);
        Files.copy(SlipwayStack.REPO.resolve("examples/static-hello/index.html"), dir.resolve("index.html"));
        Files.writeString(dir.resolve("slipway.toml"), "[build]\ntoolchain = \"static\"\n[proxy]\ndomains = [\"" + domain + "\"]\n");
        return dir;
    }
}
