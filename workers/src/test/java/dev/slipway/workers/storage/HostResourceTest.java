package dev.slipway.workers.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.workers.plugin.HostAccess;
import jakarta.ws.rs.core.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The routes executable plugins reach their storage by: for the token's plugin and deployment, while its call runs. */
class HostResourceTest {

    private final HostGrants grants = new HostGrants(7071);
    private final HostResource host = new HostResource(grants,
            new PluginServices(new MemoryTables(), new StorageRules(1024, 1 << 20, 64, 10), null), new ObjectMapper());
    private final UUID deployment = UUID.randomUUID();

    private static String bearer(HostAccess.Grant grant) {
        return "Bearer " + grant.env().get(HostGrants.TOKEN_VARIABLE);
    }

    @Test
    void aCallGetsTheWorkersUrlAndATokenOfItsOwn() {
        try (HostAccess.Grant one = grants.open("tally", deployment); HostAccess.Grant two = grants.open("tally", deployment)) {
            assertEquals("http://127.0.0.1:7071/host", one.env().get(HostGrants.URL_VARIABLE));
            assertTrue(one.env().get(HostGrants.TOKEN_VARIABLE).length() >= 43, "256 random bits");
            assertNotEquals(one.env().get(HostGrants.TOKEN_VARIABLE), two.env().get(HostGrants.TOKEN_VARIABLE));
        }
    }

    @Test
    void aTokenIsValidWhileItsCallRunsAndNeverAfter() {
        String token;
        try (HostAccess.Grant grant = grants.open("tally", deployment)) {
            token = bearer(grant);
            assertEquals(204, host.put(token, "count", "1").getStatus());
            assertEquals("1", host.get(token, "count").getEntity().toString());
        }
        Response after = host.get(token, "count");
        assertEquals(401, after.getStatus());
        assertEquals(Map.of("error", "a bearer token of a running plugin call is required"), after.getEntity());
        assertEquals("Bearer", after.getHeaderString("WWW-Authenticate"));
        for (String wrong : new String[] {null, "", "Bearer", "Bearer ", "Bearer made-up", token.substring(7),
                "Basic " + token.substring(7), token + "x"}) {
            assertEquals(401, host.get(wrong, "count").getStatus(), String.valueOf(wrong));
            assertEquals(401, host.put(wrong, "count", "2").getStatus());
            assertEquals(401, host.list(wrong, "").getStatus());
            assertEquals(401, host.metadata(wrong).getStatus());
        }
    }

    @Test
    void aTokenReachesItsOwnPluginsKeysAndDeploymentOnly() {
        UUID other = UUID.randomUUID();
        try (HostAccess.Grant tally = grants.open("tally", deployment);
             HostAccess.Grant peeker = grants.open("peeker", deployment);
             HostAccess.Grant later = grants.open("tally", other)) {
            host.put(bearer(tally), "builds/app", "{\"n\": 1}");
            host.putMetadata(bearer(tally), "count", "1");

            assertEquals(404, host.get(bearer(peeker), "builds/app").getStatus());
            assertEquals("{}", host.list(bearer(peeker), "").getEntity().toString());
            assertEquals(Map.of(), host.metadata(bearer(peeker)).getEntity());
            assertEquals(404, host.delete(bearer(peeker), "builds/app").getStatus());

            assertEquals("{\"builds/app\":{\"n\":1}}", host.list(bearer(later), "builds/").getEntity().toString(),
                    "storage is the plugin's across deployments");
            assertEquals(Map.of(), host.metadata(bearer(later)).getEntity(), "metadata is the deployment's");
            assertEquals("1", host.metadataValue(bearer(tally), "count").getEntity());
            assertEquals(404, host.metadataValue(bearer(tally), "note").getStatus());
        }
    }

    @Test
    void compareAndSetTellsAnAbsentKeyFromAStoredNull() {
        try (HostAccess.Grant grant = grants.open("tally", null)) {
            String token = bearer(grant);
            assertEquals(Map.of("set", true), host.compareAndSet(token, "k", "{\"value\": null}").getEntity(),
                    "no expected: the key must be absent");
            assertEquals(Map.of("set", false), host.compareAndSet(token, "k", "{\"value\": 1}").getEntity());
            assertEquals(Map.of("set", true), host.compareAndSet(token, "k", "{\"expected\": null, \"value\": 2}").getEntity(),
                    "expected null: the JSON null stored");
            assertEquals(Map.of("set", true), host.compareAndSet(token, "k", "{\"expected\": 2}").getEntity(),
                    "no value: remove it");
            assertEquals(404, host.get(token, "k").getStatus());
        }
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        try (HostAccess.Grant grant = grants.open("tally", null)) {
            String token = bearer(grant);
            Response notJson = host.put(token, "k", "{oops");
            assertEquals(400, notJson.getStatus());
            assertTrue(error(notJson).startsWith("plugin storage: the value of \"k\" is not JSON: "), error(notJson));
            assertEquals("plugin storage: the body must be a JSON object {\"expected\": …, \"value\": …}",
                    error(host.compareAndSet(token, "k", "[1]")));
            assertTrue(error(host.compareAndSet(token, "k", "{")).startsWith("the body is not JSON: "));
            assertEquals("plugin storage: prefix \"\\u0007\" holds a control character (U+0007) at position 0",
                    error(host.list(token, "\u0007")));
            assertEquals("deployment metadata: this call belongs to no deployment", error(host.putMetadata(token, "k", "v")));
            assertEquals(200, host.list(token, null).getStatus(), "no prefix: every key");
        }
    }

    @SuppressWarnings("unchecked")
    private static String error(Response response) {
        assertEquals(400, response.getStatus());
        return ((Map<String, String>) response.getEntity()).get("error");
    }
}
