package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every bundled example goes in as source and comes out served by nginx. */
@ExtendWith(SlipwayStack.class)
class ExamplesIT {

    private final Api api = SlipwayStack.api();

    @ParameterizedTest
    @ValueSource(strings = {"static-hello", "python-hello", "node-hello", "java-hello", "go-hello", "ruby-hello", "hop3-hello"})
    void eachExampleIsBuiltDeployedAndServedThroughNginx(String example) throws Exception {
        assertEquals(201, api.createApp(example).status());

        Api.Outcome outcome = api.deploy(example, SlipwayStack.REPO.resolve("examples").resolve(example));

        assertEquals("SUCCEEDED", outcome.state(), () -> outcome.deployment() + "\n" + SlipwayStack.serviceLogs());
        assertEquals(1, outcome.deployment().get("release").asInt());
        assertEquals("http://" + example + ".localhost:" + SlipwayStack.PROXY_PORT + "/",
                outcome.deployment().get("urls").get(0).asText());
        HttpResponse<String> page = api.viaProxy(example + ".localhost");
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("Hello from " + example), page.body());
    }

    @Test
    void theEventStreamShowsEachStageInOrderWithItsStrategyAndResumes() throws Exception {
        api.createApp("stream-order");
        Api.Outcome outcome = api.deploy("stream-order", SlipwayStack.REPO.resolve("examples/static-hello"));

        assertEquals(List.of("DeploymentRequested", "BuildStarted", "Built", "DeployStarted", "Deployed",
                "ProxyStarted", "ProxyConfigured", "DeploymentSucceeded"), outcome.types());
        List<Api.Event> events = outcome.events();
        assertEquals("native", events.get(1).data().get("strategy").asText());
        assertEquals("static", events.get(2).data().get("artifact").get("toolchain").asText());
        assertEquals("static", events.get(3).data().get("strategy").asText());
        assertEquals("nginx", events.get(5).data().get("strategy").asText());
        for (int i = 1; i < events.size(); i++) {
            assertTrue(events.get(i).id() > events.get(i - 1).id(), "event ids grow: " + events);
        }

        List<Api.Event> resumed = api.events(outcome.id(), events.get(3).id());
        assertEquals(events.subList(4, events.size()), resumed);
    }
}
