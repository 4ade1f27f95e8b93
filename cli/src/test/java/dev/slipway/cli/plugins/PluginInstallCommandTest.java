package dev.slipway.cli.plugins;

import static dev.slipway.cli.FakeApi.json;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.archive.PluginZip;
import dev.slipway.cli.CliRun;
import dev.slipway.cli.FakeApi;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginInstallCommandTest {

    private static final String INSTALLED = "{'name':'banner','kind':'%s','fileName':'%s','sha256':'ab12',"
            + "'announcedChecksum':'cd34','size':3,'installedAt':'2026-12-02T10:00:00Z'}";
    private static final String WORKERS = "[{'worker':'w1','roles':['build'],'plugins':5},{'worker':'w2','roles':['deploy'],'plugins':5}]";

    @TempDir
    Path dir;

    private FakeApi api;

    @BeforeEach
    void start() throws IOException {
        api = new FakeApi();
        api.on("GET", "/api/workers", (request, exchange) -> json(exchange, 200, WORKERS));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void aJarIsUploadedAndEachWorkersStatusPrinted() throws Exception {
        Path jar = Files.write(dir.resolve("banner-builder-0.1.0.jar"), new byte[] {1, 2, 3});
        api.on("POST", "/api/plugins", (request, exchange) -> json(exchange, 201, INSTALLED.formatted("jar", "banner-builder-0.1.0.jar")));
        api.on("GET", "/api/plugins", (request, exchange) -> json(exchange, 200, "[{'name':'banner','checksum':'cd34','workers':"
                + "[{'worker':'w1','status':'LOADED','problem':null},{'worker':'w2','status':'REFUSED','problem':'targets plugin API 2.0'}]},"
                + "{'name':'banner','checksum':'old','workers':[{'worker':'w3','status':'LOADED','problem':null}]}]"));

        CliRun run = CliRun.slip(api.url(), "plugins", "install", jar.toString());

        assertEquals(1, run.exitCode(), run.err());
        assertEquals("installed banner (jar banner-builder-0.1.0.jar, sha256 ab12)\n"
                + "  on w1: LOADED\n"
                + "  on w2: REFUSED: targets plugin API 2.0\n", run.out());
        FakeApi.Request post = api.request("POST", "/api/plugins");
        assertEquals("kind=jar&file=banner-builder-0.1.0.jar", post.query());
        assertArrayEquals(new byte[] {1, 2, 3}, post.body());
    }

    @Test
    void aDirectoryGoesAsAZipOfItsJarsAndAWorkerThatDidNotReportIsSaidToBeWaiting() throws Exception {
        Path plugin = Files.createDirectories(dir.resolve("banner"));
        Files.write(plugin.resolve("banner.jar"), new byte[] {1});
        api.on("POST", "/api/plugins", (request, exchange) -> json(exchange, 201, INSTALLED.formatted("dir", "banner")));
        api.on("GET", "/api/plugins", (request, exchange) -> json(exchange, 200, "[{'name':'banner','checksum':'cd34','workers':"
                + "[{'worker':'w1','status':'LOADED','problem':null}]}]"));

        CliRun run = CliRun.slip(api.url(), "plugins", "install", plugin.toString(), "--name", "banner", "--timeout", "0");

        assertEquals(1, run.exitCode(), run.err());
        assertTrue(run.out().endsWith("  on w1: LOADED\n  on w2: waiting\n"), run.out());
        FakeApi.Request post = api.request("POST", "/api/plugins");
        assertEquals("kind=dir&file=banner&name=banner", post.query());
        assertArrayEquals(PluginZip.pack(plugin), post.body());
    }

    @Test
    void coordinatesGoAsJson() {
        api.on("POST", "/api/plugins", (request, exchange) -> json(exchange, 201, INSTALLED.formatted("jar", "banner-1.0.jar")));
        api.on("GET", "/api/plugins", (request, exchange) -> json(exchange, 200, "[{'name':'banner','checksum':'cd34','workers':"
                + "[{'worker':'w1','status':'LOADED'},{'worker':'w2','status':'LOADED'}]}]"));

        CliRun run = CliRun.slip(api.url(), "plugins", "install", "com.example:banner:1.0");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("{\"coordinates\":\"com.example:banner:1.0\"}",
                new String(api.request("POST", "/api/plugins").body(), StandardCharsets.UTF_8));
    }

    @Test
    void aFileThatIsNoPluginIsRefusedBeforeAnythingIsSent() throws Exception {
        Path script = Files.writeString(dir.resolve("slipway-plugin-greet"), "#!/bin/sh\n");

        CliRun notExecutable = CliRun.slip(api.url(), "plugins", "install", script.toString());
        CliRun nothing = CliRun.slip(api.url(), "plugins", "install", dir.resolve("nope").toString());
        CliRun root = CliRun.slip(api.url(), "plugins", "install", "/");

        assertEquals(2, notExecutable.exitCode());
        assertEquals("slip: " + script + " is neither a jar, a directory of jars nor an executable file named "
                + "slipway-plugin-<name>\n", notExecutable.err());
        assertEquals("slip: " + dir.resolve("nope") + " is neither a file, a directory nor group:artifact:version\n", nothing.err());
        assertEquals(2, root.exitCode());
        assertEquals("slip: / is the root directory, not a plugin\n", root.err());
        assertTrue(api.requests().isEmpty(), api.requests().toString());
    }

    @Test
    void anExecutableIsSentAsOne() throws Exception {
        Path script = Files.writeString(dir.resolve("slipway-plugin-greet"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        api.on("POST", "/api/plugins", (request, exchange) -> json(exchange, 201, INSTALLED.formatted("executable", "slipway-plugin-greet")));
        api.on("GET", "/api/plugins", (request, exchange) -> json(exchange, 200, "[]"));

        CliRun run = CliRun.slip(api.url(), "plugins", "install", script.toString(), "--timeout", "0");

        assertEquals(1, run.exitCode(), run.err());
        assertEquals("kind=executable&file=slipway-plugin-greet", api.request("POST", "/api/plugins").query());
    }

    @Test
    void removeWaitsUntilNoWorkerHasTheInstalledVersion() {
        api.on("GET", "/api/plugins", (request, exchange) -> json(exchange, 200, "[{'name':'banner','checksum':'cd34',"
                + "'installed':{'name':'banner','announcedChecksum':'cd34'},'workers':[]},"
                + "{'name':'banner','checksum':'by-hand','workers':[{'worker':'w1','status':'LOADED'}]}]"));
        api.on("DELETE", "/api/plugins/banner", (request, exchange) -> {
            exchange.sendResponseHeaders(204, -1);
        });

        CliRun run = CliRun.slip(api.url(), "plugins", "remove", "banner");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("removed banner\n  on w1: removed\n  on w2: removed\n", run.out());
    }

    @Test
    void removingWhatWasNotInstalledSaysWhy() {
        api.on("GET", "/api/plugins", (request, exchange) -> json(exchange, 200, "[]"));
        api.on("DELETE", "/api/plugins/nope", (request, exchange) -> json(exchange, 404,
                "{'error':'an installed plugin named \\\\'nope\\\\' does not exist'}"));

        CliRun run = CliRun.slip(api.url(), "plugins", "remove", "nope");

        assertEquals(1, run.exitCode());
        assertTrue(run.err().startsWith("slip: "), run.err());
    }
}
