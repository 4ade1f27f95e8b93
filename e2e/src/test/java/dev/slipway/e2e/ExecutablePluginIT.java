package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An executable plugin (the shell script of {@code examples/plugins/shell-builder}) installed with
 * {@code slip plugins install} while everything runs is used by the next deployment, chosen by
 * accept() and by name, with its setting, as its own OS user; removed, it is gone; programs that
 * crash, hang or print garbage are reported and deployments go on.
 */
@ExtendWith(SlipwayStack.class)
class ExecutablePluginIT {

    private static final Path SHELL_SITE = SlipwayStack.REPO.resolve(
            "examples/plugins/shell-builder/slipway-plugin-shell-site");

    private final Api api = SlipwayStack.api();
    private final Plugins plugins = new Plugins(api);

    @Test
    void anExecutablePluginIsUsedWithoutARestartAsItsOwnUserAndForgottenWhenRemoved(@TempDir Path dir)
            throws Exception {
        // The stack's workers may include one stopped by another test that is still taken for live: wait it out.
        Slip.Result installed = Slip.run("plugins", "install", SHELL_SITE.toString(), "--timeout", "120");
        assertEquals(0, installed.exitCode(), installed::toString);
        assertTrue(installed.out().contains(": LOADED\n"), installed.out());
        assertTrue(Apps.eventually(() -> plugins.status("shell-site").filter(s -> s.equals("LOADED")).isPresent()),
                () -> "the workers did not load the plugin: " + plugins.all());
        JsonNode plugin = plugins.get("shell-site").orElseThrow();
        assertEquals("EXECUTABLE", plugin.get("origin").asText());
        assertEquals("0.1.0", plugin.get("version").asText());
        assertEquals(sha256(SHELL_SITE), plugin.get("checksum").asText(), plugin::toString);
        JsonNode provided = plugin.get("provides").get(0);
        assertEquals("builder", provided.get("kind").asText());
        assertEquals("title", provided.get("settings").get(0).get("key").asText());

        api.createApp("shell-site");
        Files.writeString(dir.resolve("page.txt"), "ahoy <there>\n");
        Api.Outcome detected = api.deploy("shell-site", dir);
        assertEquals("SUCCEEDED", detected.state(), () -> detected.deployment().toString());
        JsonNode build = detected.deployment().get("stages").get(0);
        assertEquals("shell-site/shell-site", build.get("strategy").asText(), build.toString());
        assertTrue(build.get("reason").asText().startsWith("auto-detected: shell-site accepts"), build.toString());
        String page = api.viaProxy("shell-site.localhost").body();
        assertTrue(page.contains("<h1>Shell site</h1>") && page.contains("ahoy &lt;there&gt;"), page);
        assertEquals(List.of("slipway-plugin-shell-site", "Slipway plugin shell-site"), user("slipway-plugin-shell-site"),
                "the plugin runs as a user of its own");

        Files.writeString(dir.resolve("slipway.toml"), "[build]\nstrategy = \"shell-site\"\n");
        Files.writeString(dir.resolve("index.html"), "a static site the shell-site builder is named over");
        Api.Outcome named = api.deploy("shell-site", dir);
        assertEquals("SUCCEEDED", named.state(), () -> named.deployment().toString());
        assertEquals("named in configuration", named.deployment().get("stages").get(0).get("reason").asText());
        assertTrue(api.viaProxy("shell-site.localhost").body().contains("<h1>Shell site</h1>"));

        Slip.Result removed = Slip.run("plugins", "remove", "shell-site", "--timeout", "120");
        assertEquals(0, removed.exitCode(), removed::toString);
        assertTrue(Apps.eventually(() -> plugins.get("shell-site").isEmpty()), () -> "still listed: " + plugins.all());
        Api.Answer refused = api.upload("shell-site", Api.pack(dir));
        assertEquals(400, refused.status(), refused.toString());
        assertTrue(refused.body().get("error").asText().contains("[build] strategy \"shell-site\" is unknown"),
                refused.toString());
    }

    @Test
    void aPluginBuildsAsItsOwnUserWithNothingOfTheWorkersEnvironmentOrSecrets(@TempDir Path dir) throws Exception {
        Path home = SlipwayStack.HOME;
        Plugins.put(script(dir, String.join("\n",
                "case \"$SLIPWAY_OPERATION\" in",
                "info) echo '{\"name\": \"exec-probe\", \"version\": \"1.0\", \"protocol\": \"1.0\","
                        + " \"provides\": [{\"kind\": \"builder\", \"name\": \"exec-probe\"}]}' ;;",
                "accept) exit 100 ;;",
                "build) cd \"$SLIPWAY_WORK_DIR\" && mkdir site && {",
                "  echo \"user=$(id -un) groups=$(id -G | wc -w)\"",
                "  echo \"env=$(env | cut -d= -f1 | sort | tr '\\n' ' ')\"",
                "  for f in " + home.resolve("secrets-keys") + " " + home.resolve("api-token") + " "
                        + home.resolve("kafka/credentials/worker") + " " + home.resolve("postgres/password") + "; do",
                "    cat \"$f\" > /dev/null 2>&1 && echo \"read=$f\"",
                "  done",
                "  echo done",
                "} > site/index.html && echo '{\"kind\": \"static\", \"root\": \"site\"}' ;;",
                "esac")), "slipway-plugin-exec-probe", true);
        assertTrue(Apps.eventually(() -> plugins.status("exec-probe").filter(s -> s.equals("LOADED")).isPresent()),
                () -> "the workers did not load the probe: " + plugins.all());

        api.createApp("exec-probe");
        Files.writeString(dir.resolve("slipway.toml"), "[build]\nstrategy = \"exec-probe\"\n");
        Api.Outcome outcome = api.deploy("exec-probe", dir);
        assertEquals("SUCCEEDED", outcome.state(), () -> outcome.deployment().toString());
        List<String> page = api.viaProxy("exec-probe.localhost").body().lines().toList();

        assertEquals("user=slipway-plugin-exec-probe groups=1", page.get(0), "its own user, the app's group alone");
        for (String name : page.get(1).substring("env=".length()).split(" ")) {
            assertTrue(name.startsWith("SLIPWAY_") || List.of("HOME", "TMPDIR", "PATH", "LANG", "PWD", "SHLVL", "_",
                    "OLDPWD").contains(name), () -> name + " of the worker's environment reached the plugin: " + page);
        }
        assertEquals("done", page.get(2), () -> "the plugin read a secret: " + page);
        Files.delete(Plugins.DIR.resolve("slipway-plugin-exec-probe"));
    }

    @Test
    void programsThatCrashHangOrPrintGarbageAreRefusedWithTheirReasonAndDeploymentsGoOn(@TempDir Path dir)
            throws Exception {
        Plugins.put(script(dir, "echo '{\"code\": \"broken\", \"message\": \"no luck\"}'; exit 3"),
                "slipway-plugin-exec-crash", true);
        Plugins.put(script(dir, "sleep 600"), "slipway-plugin-exec-hang", true);
        Plugins.put(script(dir, "echo 'hello, I am not JSON'"), "slipway-plugin-exec-garbage", true);

        List<String> names = List.of("exec-crash", "exec-hang", "exec-garbage");
        assertTrue(Apps.eventually(() -> names.stream().allMatch(n -> plugins.status(n).isPresent())),
                () -> "not reported: " + plugins.all());
        for (String name : names) {
            assertEquals("REFUSED", plugins.status(name).orElseThrow(), name);
        }
        assertEquals("plugin exec-crash (info) failed with exit code 3 (broken: no luck); its stderr is in the log",
                plugins.problem("exec-crash"));
        assertEquals("plugin exec-hang (info) did not finish within 5 s and was stopped with everything it started",
                plugins.problem("exec-hang"));
        assertTrue(plugins.problem("exec-garbage").contains("printed garbage on stdout"), plugins.problem("exec-garbage"));

        api.createApp("after-broken-exec");
        Path site = Files.createDirectories(dir.resolve("site"));
        Files.writeString(site.resolve("index.html"), "still deploying");
        Api.Outcome outcome = api.deploy("after-broken-exec", site);
        assertEquals("SUCCEEDED", outcome.state(), () -> outcome.deployment().toString());

        for (String name : names) {
            Files.delete(Plugins.DIR.resolve("slipway-plugin-" + name));
        }
        assertTrue(Apps.eventually(() -> names.stream().allMatch(n -> plugins.get(n).isEmpty())),
                () -> plugins.all().toString());
    }

    private static Path script(Path dir, String body) throws IOException {
        Path script = Files.createTempFile(dir, "plugin", ".sh");
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        return script;
    }

    /** The user's name and comment, from the system's user database. */
    private static List<String> user(String name) throws Exception {
        Process getent = new ProcessBuilder("getent", "passwd", name).redirectErrorStream(true).start();
        String line = new String(getent.getInputStream().readAllBytes()).strip();
        getent.waitFor();
        String[] fields = line.split(":");
        return fields.length < 5 ? List.of(line) : List.of(fields[0], fields[4]);
    }

    private static String sha256(Path file) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }
}
