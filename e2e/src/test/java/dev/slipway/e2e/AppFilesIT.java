package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** An app brought from Dokku with its app.json: required and generated config vars, scripts, health check, formation. */
@ExtendWith(SlipwayStack.class)
class AppFilesIT {

    private static final String APP_JSON = """
            {"name": "dokku-style",
             "scripts": {"dokku": {"predeploy": "echo \\"$API_KEY\\" > $HOME/predeploy.txt",
                                   "postdeploy": "echo ${#SECRET_KEY_BASE} > $HOME/postdeploy.txt"}},
             "healthchecks": {"web": [{"type": "startup", "path": "/healthz", "attempts": 10, "wait": 1}]},
             "env": {"API_KEY": {"description": "the key of their API"},
                     "SECRET_KEY_BASE": {"generator": "secret"},
                     "PYTHONUNBUFFERED": "1"},
             "formation": {"web": {"quantity": 2}}}
            """;

    private final Api api = SlipwayStack.api();

    @TempDir
    Path dir;

    @Test
    void aRequiredVarMissingRefusesTheUploadThenTheAppDeploysWithItsScriptsSecretAndFormation() throws Exception {
        api.createApp("dokku-style");
        Apps.python(dir, "one", null);
        Files.delete(dir.resolve("slipway.toml"));
        Files.writeString(dir.resolve("app.json"), APP_JSON);

        Api.Answer refused = api.upload("dokku-style", Api.pack(dir));
        assertEquals(400, refused.status(), refused::toString);
        assertEquals("app.json requires the config var API_KEY, which the app does not have: set it with"
                + " slip config dokku-style API_KEY=…, then deploy again", refused.body().get("error").asText());
        assertEquals(Set.of(), keys(), "a refused deployment generates no secret either");

        assertEquals(200, api.put("/api/apps/dokku-style/config", Map.of("API_KEY", "k-123")).status());
        Api.Outcome first = api.deploy("dokku-style", dir);

        assertEquals("SUCCEEDED", first.state(), () -> first.deployment() + "\n" + SlipwayStack.serviceLogs());
        assertEquals("k-123\n", Files.readString(Apps.home("dokku-style").resolve("predeploy.txt")),
                "scripts.dokku.predeploy ran with the app's config vars");
        assertEquals("64\n", Files.readString(Apps.home("dokku-style").resolve("postdeploy.txt")),
                "scripts.dokku.postdeploy saw the generated secret: 32 random bytes in hex");
        assertEquals(Set.of("API_KEY", "SECRET_KEY_BASE"), keys());
        assertEquals(2, api.get("/api/apps/dokku-style/formation").body().get("web").asInt(),
                "the first release runs app.json's formation");
        assertTrue(api.viaProxy("dokku-style.localhost").body().contains("Hello from python-hello"));

        String made = updatedAt("SECRET_KEY_BASE");
        assertEquals(202, api.put("/api/apps/dokku-style/formation", Map.of("web", 1)).status());
        Api.Outcome second = api.deploy("dokku-style", Apps.python(Files.createTempDirectory(dir, "v2"), "two", null));
        assertEquals("SUCCEEDED", second.state(), () -> second.deployment().toString());
        assertEquals(made, updatedAt("SECRET_KEY_BASE"), "the secret is made once, not on every deployment");
        assertEquals(1, api.get("/api/apps/dokku-style/formation").body().get("web").asInt(),
                "a later release keeps the scaled formation");
    }

    private Set<String> keys() throws Exception {
        Set<String> keys = new TreeSet<>();
        api.get("/api/apps/dokku-style/config").body().forEach(v -> keys.add(v.get("key").asText()));
        return keys;
    }

    private String updatedAt(String key) throws Exception {
        for (JsonNode v : api.get("/api/apps/dokku-style/config").body()) {
            if (v.get("key").asText().equals(key)) {
                return v.get("updatedAt").asText();
            }
        }
        throw new AssertionError(key + " is not a config var");
    }
}
