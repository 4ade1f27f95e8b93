package dev.slipway.cli.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class EventFormatterTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final EventFormatter formatter = new EventFormatter();

    @Test
    void formatsAWholeSuccessfulDeployment() {
        assertEquals("  request  upload       deployment requested", line("DeploymentRequested", "{'source':'upload'}"));
        assertEquals("  build    native/node  started (auto-detected: package.json found)",
                line("BuildStarted", "{'attempt':1,'strategy':'native/node','reason':'auto-detected: package.json found'}"));
        assertEquals("  build    native/node  built (process: web, worker)", line("Built",
                "{'artifact':{'kind':'process','root':'/b','processes':{'worker':'node j.js','web':'node s.js'},"
                        + "'env':{},'path':[],'builder':'native','toolchain':'node'}}"));
        assertEquals("  deploy   process      started", line("DeployStarted", "{'attempt':1,'strategy':'process','reason':''}"));
        assertEquals("  deploy   process      running r3 at 127.0.0.1:5003", line("Deployed",
                "{'release':{'app':'hello','releaseId':'r3','deployer':'process','upstreamHost':'127.0.0.1',"
                        + "'upstreamPort':5003,'staticRoot':null,'attributes':{}}}"));
        assertEquals("  proxy    nginx        started (server configuration)",
                line("ProxyStarted", "{'strategy':'nginx','reason':'server configuration'}"));
        assertEquals("  proxy    nginx        configured http://hello.localhost:8080/",
                line("ProxyConfigured", "{'urls':['http://hello.localhost:8080/']}"));
        assertEquals("  hook     post_deploy  completed", line("HookCompleted", "{'hook':'post_deploy'}"));
        assertEquals("  stop     process      stopped release r2", line("Stopped", "{'releaseId':'r2'}"));
        assertEquals("  ✔ deployed  release 3  http://hello.localhost:8080/",
                line("DeploymentSucceeded", "{'release':3,'urls':['http://hello.localhost:8080/']}"));
    }

    @Test
    void formatsFailuresWithTheirReason() {
        line("BuildStarted", "{'strategy':'docker','reason':'Dockerfile found'}");
        assertEquals("  build    docker       failed: docker build exited with 1", line("BuildFailed", "{'reason':'docker build exited with 1'}"));
        assertEquals("  hook     post_deploy  failed: npm run migrate exited with 2",
                line("HookFailed", "{'hook':'post_deploy','reason':'npm run migrate exited with 2'}"));
        assertEquals("  ✘ failed  in build: docker build exited with 1",
                line("DeploymentFailed", "{'stage':'build','reason':'docker build exited with 1'}"));
    }

    @Test
    void showsRetriesAndStaticReleases() {
        assertEquals("  deploy   static       started (attempt 2; configured in slipway.toml)",
                line("DeployStarted", "{'attempt':2,'strategy':'static','reason':'configured in slipway.toml'}"));
        assertEquals("  deploy   static       running r1 serving /srv/hello/r1",
                line("Deployed", "{'release':{'releaseId':'r1','deployer':'static','upstreamHost':null,'staticRoot':'/srv/hello/r1'}}"));
        assertEquals("  deploy   static       failed: timed out", line("DeployFailed", "{'reason':'timed out'}"));
        assertEquals("  build                 attempt 1 got no answer in time",
                line("StageTimedOut", "{'stage':'build','attempt':1}"));
    }

    @Test
    void showsTheQueueAndACancellation() {
        assertEquals("  queue                 queued, position 2: waits for the app's earlier deployments",
                line("DeploymentQueued", "{'position':2}"));
        assertEquals("  queue                 its turn: the deployment before it has ended",
                line("DeploymentDequeued", "{'after':'d1'}"));
        assertEquals("  ✘ cancelled  while building: cancelled through the API",
                line("DeploymentCancelled", "{'state':'BUILDING','reason':'cancelled through the API'}"));
    }

    @Test
    void unknownEventsStillGetALine() {
        assertEquals("  event                 SomethingNew", line("SomethingNew", "{}"));
    }

    @Test
    void logLinesAreSetApartAndSplit() throws Exception {
        assertEquals("  build    | npm install\n  build    | added 3 packages",
                LogFormatter.format(JSON.readTree("{\"stage\":\"build\",\"time\":\"t\",\"text\":\"npm install\\nadded 3 packages\\n\"}")));
    }

    private String line(String type, String json) {
        try {
            JsonNode data = JSON.readTree(json.replace('\'', '"'));
            return formatter.format(type, data);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
