package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * A config var, one line and a multi-line PEM key, printed by an app whose web process then fails:
 * the value is searched for in clear everywhere a user or an operator can read — the API, the
 * event and log streams, a dump of the database, Kafka's segment files and every file under
 * {@code $SLIPWAY_HOME} (service logs, the app's own log) — and must be nowhere.
 */
@ExtendWith(SlipwayStack.class)
class SecretLeakIT {

    private static final String TOKEN = "planted-token-6b1f0c9e";
    private static final List<String> PEM_LINES = List.of("MIIEvplantedPemLineNumberOne0a1b2c3d4e5f",
            "plantedPemLineNumberTwo9f8e7d6c5b4a3210");
    private static final String PEM = "-----BEGIN PRIVATE KEY-----\n" + String.join("\n", PEM_LINES)
            + "\n-----END PRIVATE KEY-----";

    private final Api api = SlipwayStack.api();

    @Test
    void aSecretPrintedByAFailingAppIsFoundNowhereInClear(@TempDir Path dir) throws Exception {
        api.createApp("leaky");
        assertEquals(200, api.put("/api/apps/leaky/config", Map.of("API_TOKEN", TOKEN, "TLS_KEY", PEM)).status());
        Api.Outcome failed = api.deploy("leaky", Apps.python(dir, "leaky", """
                [run]
                web = "echo token is $API_TOKEN; printf '%s\\\\n' \\"$TLS_KEY\\"; echo $API_TOKEN >&2; exit 3"
                """));

        assertEquals("FAILED", failed.state(), () -> failed.deployment().toString());
        String error = failed.deployment().get("error").asText();
        assertTrue(error.contains("token is ****") && error.contains("exit code 3"),
                "the failure quotes the app's output, masked: " + error);

        List<String> places = new ArrayList<>();
        places.add("API deployment: " + failed.deployment());
        places.add("API app: " + api.get("/api/apps/leaky").body());
        places.add("API config: " + api.get("/api/apps/leaky/config").body());
        places.add("SSE events: " + failed.events());
        places.add("SSE logs: " + api.logs(failed.id()));
        places.add("database dump: " + databaseDump());
        for (String place : places) {
            assertClean(place);
        }
        assertTreeClean(SlipwayStack.HOME.resolve("kafka"));
        assertTreeClean(SlipwayStack.HOME.resolve("logs"));
        assertTreeClean(SlipwayStack.HOME.resolve("releases"));
    }

    /** A release that serves keeps its log (a failed one's goes with retention): it holds the output, masked. */
    @Test
    void aServingAppsOwnLogHoldsWhatItPrintedMasked(@TempDir Path dir) throws Exception {
        api.createApp("chatty");
        assertEquals(200, api.put("/api/apps/chatty/config", Map.of("API_TOKEN", TOKEN, "TLS_KEY", PEM)).status());

        Api.Outcome served = api.deploy("chatty", Apps.python(dir, "chatty", """
                [run]
                web = "echo token is $API_TOKEN; printf '%s\\\\n' \\"$TLS_KEY\\"; exec python3 app.py"
                """));

        assertEquals("SUCCEEDED", served.state(), () -> served.deployment().toString());
        Path webLog = SlipwayStack.HOME.resolve("releases/chatty").resolve(served.id()).resolve("1/web.1.log");
        // The app says it listens once it has printed the secrets; the PEM's own lines are masked too.
        assertTrue(Apps.eventually(() -> read(webLog).contains("listening on")), () -> read(webLog));
        assertEquals(5, read(webLog).lines().filter(line -> line.contains("****")).count(), () -> read(webLog));
        assertTrue(read(webLog).contains("token is ****"), () -> read(webLog));
        assertClean(read(webLog));
        assertTreeClean(SlipwayStack.HOME.resolve("releases/chatty"));
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static void assertClean(String text) {
        for (String secret : secrets()) {
            assertFalse(text.contains(secret), () -> "found in clear: " + secret + " in " + text);
        }
    }

    private static void assertTreeClean(Path root) throws IOException {
        List<byte[]> needles = secrets().stream().map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                byte[] bytes = Files.readAllBytes(file);
                for (byte[] needle : needles) {
                    assertFalse(contains(bytes, needle), () -> "found in clear in " + file + ": " + new String(needle));
                }
            }
        }
    }

    private static List<String> secrets() {
        List<String> all = new ArrayList<>(PEM_LINES);
        all.add(TOKEN);
        return all;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** Everything the database holds, as an operator's pg_dump shows it. */
    private static String databaseDump() throws Exception {
        Process dump = new ProcessBuilder("runuser", "-u", "postgres", "--", "/usr/lib/postgresql/15/bin/pg_dump",
                "-h", SlipwayStack.HOME.resolve("postgres/run").toString(), "-p", Integer.toString(SlipwayStack.PG_PORT),
                "slipway").directory(Path.of("/").toFile()).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        dump.getInputStream().transferTo(out);
        assertTrue(dump.waitFor(60, TimeUnit.SECONDS));
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, dump.exitValue(), text);
        assertTrue(text.contains("leaky"), "the dump should hold the app, or this test proves nothing");
        return text;
    }
}
