package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client asks an app for its page through nginx, without pause, while the app is redeployed three
 * times and then given a release whose post_deploy fails and is rolled back: not one request fails, each
 * answer is one release's page, no answer comes from an older release once a newer one answered (until
 * the rollback), and the last ones come from the newest release that succeeded.
 */
@ExtendWith(SlipwayStack.class)
class LoadAcrossRedeploysIT {

    private static final String APP = "underload";
    private static final Pattern VERSION = Pattern.compile("Version: ([a-z0-9]+)</p>");

    private final Api api = SlipwayStack.api();

    @Test
    void anAppUnderLoadAnswersEveryRequestAcrossRedeploysAndARollback(@TempDir Path dir) throws Exception {
        api.createApp(APP);
        assertEquals("SUCCEEDED", api.deploy(APP, Apps.python(dir, "v1", null)).state());
        Client client = new Client(api, APP + ".localhost");
        Thread thread = new Thread(client, "load on " + APP);
        thread.start();
        try {
            for (String version : List.of("v2", "v3", "v4")) {
                client.phase = "deploying " + version;
                Files.writeString(dir.resolve("VERSION"), version + "\n");
                assertEquals("SUCCEEDED", api.deploy(APP, dir).state());
            }
            client.phase = "deploying v5, whose post_deploy fails";
            Files.writeString(dir.resolve("VERSION"), "v5\n");
            Files.writeString(dir.resolve("slipway.toml"), "[hooks]\npost_deploy = \"exit 3\"\n", StandardOpenOption.APPEND);
            Api.Outcome bad = api.deploy(APP, dir);
            assertEquals("ROLLED_BACK", bad.state(), () -> bad.deployment().toString());
            client.phase = "after the rollback";
            int after = client.requests.get();
            while (client.requests.get() < after + 50 && thread.isAlive()) {
                Thread.sleep(50);
            }
        } finally {
            client.stop = true;
            thread.join();
        }

        System.out.printf("LoadAcrossRedeploysIT: %d requests over 4 deployments, %d failed; answers per release %s;"
                + " releases in the order they answered %s%n", client.requests.get(), client.failures.size(),
                client.perVersion, client.order);
        assertEquals(List.of(), client.failures, "failed requests");
        List<String> expected = List.of("v1", "v2", "v3", "v4");
        // v5 served between its switch and the rollback, which may be too short for the client to see.
        List<String> withRollback = List.of("v1", "v2", "v3", "v4", "v5", "v4");
        assertTrue(client.order.equals(expected) || client.order.equals(withRollback),
                "answers came from the releases in this order: " + client.order);
        assertEquals("v4", client.order.get(client.order.size() - 1));
    }

    /** One client thread: a GET after the other, each answer recorded. */
    private static final class Client implements Runnable {
        private final Api api;
        private final String host;
        final AtomicInteger requests = new AtomicInteger();
        final List<String> failures = new ArrayList<>();
        /** The releases in the order they answered, a run of answers from one counted once. */
        final List<String> order = new ArrayList<>();
        final Map<String, Integer> perVersion = new TreeMap<>();
        volatile String phase = "before the first redeploy";
        volatile boolean stop;

        Client(Api api, String host) {
            this.api = api;
            this.host = host;
        }

        @Override
        public void run() {
            while (!stop) {
                requests.incrementAndGet();
                try {
                    record(api.viaProxy(host));
                } catch (Exception e) {
                    failures.add(System.currentTimeMillis() + " " + phase + ": " + e);
                }
            }
        }

        private void record(HttpResponse<String> response) {
            Matcher version = VERSION.matcher(response.body());
            if (response.statusCode() != 200 || !version.find()) {
                failures.add(System.currentTimeMillis() + " " + phase + ": " + response.statusCode() + " "
                        + response.headers().firstValue("X-Slipway-Release").orElse("(no release)") + " "
                        + response.body().substring(0, Math.min(200, response.body().length())));
                return;
            }
            String v = version.group(1);
            perVersion.merge(v, 1, Integer::sum);
            if (order.isEmpty() || !order.get(order.size() - 1).equals(v)) {
                order.add(v);
            }
        }
    }
}
