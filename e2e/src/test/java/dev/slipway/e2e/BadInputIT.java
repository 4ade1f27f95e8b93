package dev.slipway.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** What comes from outside is checked, and the answer says what is wrong and where. */
@ExtendWith(SlipwayStack.class)
class BadInputIT {

    private final Api api = SlipwayStack.api();

    @Test
    void appNamesMustBeDnsLabels() throws Exception {
        for (String name : new String[] {"Hello", "-x", "a_b", "a".repeat(64), "../etc"}) {
            Api.Answer answer = api.createApp(name);
            assertEquals(400, answer.status(), name);
            assertTrue(answer.body().get("error").asText().contains("DNS label"), answer.toString());
        }
        assertEquals(404, api.upload("no-such-app", new byte[] {1}).status());
    }

    @Test
    void malformedTomlIsRefusedWithLineAndKeyBeforeAnythingIsBuilt(@TempDir Path dir) throws Exception {
        api.createApp("bad-toml");
        Files.writeString(dir.resolve("index.html"), "<p>x</p>");
        Files.writeString(dir.resolve("slipway.toml"), "[build]\ntoolchain = \"static\"\nstrategee = \"x\"\n");

        Api.Answer answer = api.upload("bad-toml", Api.pack(dir));

        assertEquals(400, answer.status());
        assertEquals("slipway.toml line 3: [build] key \"strategee\" is unknown; allowed: after-build, before-build,"
                + " static-dir, strategy, toolchain",
                answer.body().get("error").asText());
        assertTrue(api.get("/api/apps/bad-toml").body().get("deployments").isEmpty(), "nothing was started");
    }

    @Test
    void anUnknownStrategyIsRefusedAtUploadNamingTheOnesTheWorkersHave(@TempDir Path dir) throws Exception {
        api.createApp("bad-strategy");
        Files.writeString(dir.resolve("index.html"), "<p>x</p>");
        Files.writeString(dir.resolve("slipway.toml"), "[deploy]\nstrategy = \"dokcer\"\n");

        Api.Answer answer = api.upload("bad-strategy", Api.pack(dir));

        assertEquals(400, answer.status());
        assertEquals("slipway.toml: [deploy] strategy \"dokcer\" is unknown; known: process, static",
                answer.body().get("error").asText());
    }

    @Test
    void pluginsListsEveryStrategyTheWorkersLoaded() throws Exception {
        JsonNode plugins = api.get("/api/plugins").body();

        List<String> strategies = new ArrayList<>();
        List<String> names = new ArrayList<>();
        plugins.forEach(p -> {
            names.add(p.get("name").asText());
            p.get("provides").forEach(s -> strategies.add(s.get("kind").asText() + "/" + s.get("name").asText()));
        });
        strategies.sort(null);
        assertEquals(List.of("builder/native", "deployer/process", "deployer/static", "hook/command", "os/apk", "os/apt",
                "os/dnf", "os/pacman", "proxy/caddy", "proxy/nginx", "toolchain/go", "toolchain/java-maven", "toolchain/node",
                "toolchain/python", "toolchain/ruby", "toolchain/static"), strategies);
        JsonNode nginx = plugins.get(names.indexOf("proxy-nginx"));
        assertEquals("BUILT_IN", nginx.get("origin").asText(), nginx.toString());
        assertEquals("0.1.0-SNAPSHOT", nginx.get("version").asText());
        assertTrue(nginx.get("source").asText().contains("proxy-nginx"), nginx.toString());
        assertTrue(nginx.get("workers").size() >= 1, nginx.toString());
        assertEquals("LOADED", nginx.get("workers").get(0).get("status").asText(), nginx.toString());
    }

    @Test
    void archivesThatEscapeTheTreeOrAreTooLargeAreRefused() throws Exception {
        api.createApp("bad-archive");

        Api.Answer escaping = api.upload("bad-archive", tarGz("../outside.txt", "x"));
        assertEquals(400, escaping.status());
        assertTrue(escaping.body().get("error").asText().contains("../outside.txt"), escaping.toString());

        Api.Answer absolute = api.upload("bad-archive", tarGz("/etc/cron.d/x", "x"));
        assertEquals(400, absolute.status());

        Api.Answer notAnArchive = api.upload("bad-archive", "hello".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, notAnArchive.status());

        Api.Answer tooLarge = api.upload("bad-archive", new byte[(int) SlipwayStack.UPLOAD_LIMIT + 1]);
        assertEquals(413, tooLarge.status());
    }

    @Test
    void everyRefusalIsTheDocumentedJsonEvenWhereTheFrameworkAnswers() throws Exception {
        assertError(400, "request body is not the JSON expected", api.send("/api/apps", "POST", "application/json", "{not json"));
        assertError(400, "request body is not the JSON expected", api.send("/api/apps", "POST", "application/json", "[1, 2]"));
        assertError(415, "does not accept Content-Type \"text/plain\"", api.send("/api/apps", "POST", "text/plain", "x"));
        assertError(400, "deployment id \"not-a-uuid\" is not a UUID", api.get("/api/deployments/not-a-uuid"));
        assertError(400, "deployment id \"1\" is not a UUID", api.get("/api/deployments/1/events"));
        UUID unknown = UUID.randomUUID();
        assertError(404, "deployment " + unknown, api.get("/api/deployments/" + unknown + "/events"));
        assertError(404, "deployment " + unknown, api.get("/api/deployments/" + unknown + "/logs"));
        assertError(404, "nothing is at /api/nothing-here", api.get("/api/nothing-here"));
        assertError(405, "does not answer this method", api.send("/api/apps", "PATCH", "application/json", "{}"));
    }

    @Test
    void specialArchiveEntriesAreRefusedNamingEntryAndType() throws Exception {
        api.createApp("bad-entry");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            tar.putArchiveEntry(new TarArchiveEntry("pipe", org.apache.commons.compress.archivers.tar.TarConstants.LF_FIFO, true));
            tar.closeArchiveEntry();
        }
        assertError(400, "archive entry \"pipe\" is a FIFO (tar type '6'); only files, directories and links inside the tree"
                + " are allowed", api.upload("bad-entry", bytes.toByteArray()));
    }

    @Test
    void commandsInRunAndHooksMustBeStrings(@TempDir Path dir) throws Exception {
        api.createApp("bad-command");
        Files.writeString(dir.resolve("index.html"), "<p>x</p>");
        Files.writeString(dir.resolve("slipway.toml"), "[hooks]\npost_deploy = [\"npm\", \"run\", \"migrate\"]\n");
        assertError(400, "slipway.toml line 2: [hooks] post_deploy must be a non-empty string (a command line), not an array",
                api.upload("bad-command", Api.pack(dir)));
    }

    @Test
    void pluginInstallsAreCheckedBeforeAnyWorkerSeesThem() throws Exception {
        byte[] jar = jar(Map.of("Slipway-Plugin-Name", "checked"));
        assertError(400, "query parameter kind is required: jar, dir or executable",
                api.postBytes("/api/plugins?file=x.jar", "application/octet-stream", jar));
        assertError(400, "plugin kind \"banana\" is unknown; known: jar, dir, executable",
                api.postBytes("/api/plugins?kind=banana&file=x.jar", "application/octet-stream", jar));
        assertError(400, "file \"../x.jar\" is not a plain file name (letters, digits, '.', '_', '+', '-')",
                api.postBytes("/api/plugins?kind=jar&file=..%2Fx.jar", "application/octet-stream", jar));
        assertError(400, "the jar \"x.jar\" is not a zip: ",
                api.postBytes("/api/plugins?kind=jar&file=x.jar", "application/octet-stream", "garbage".getBytes(StandardCharsets.UTF_8)));
        assertError(400, "the jar \"x.jar\" names no plugin API version (Slipway-Plugin-Api in its manifest)",
                api.postBytes("/api/plugins?kind=jar&file=x.jar", "application/octet-stream", jarWithout()));
        assertError(400, "plugin name \"Checked\" is not a lower-case name of at most 63 letters, digits and '-'",
                api.postBytes("/api/plugins?kind=jar&file=x.jar&name=Checked", "application/octet-stream", jar));
        assertError(400, "archive entry \"../evil.jar\" climbs out of the plugin directory",
                api.postBytes("/api/plugins?kind=dir&file=evil", "application/zip", zip("../evil.jar", jar)));
        assertError(400, "an executable plugin's file must be named slipway-plugin-<name>, not \"greet.sh\"",
                api.postBytes("/api/plugins?kind=executable&file=greet.sh", "application/octet-stream", jar));
        assertError(409, "plugin \"proxy-nginx\" is built into the workers; install yours under another name",
                api.postBytes("/api/plugins?kind=jar&file=x.jar&name=proxy-nginx", "application/octet-stream",
                        jar(Map.of())));
        assertError(413, "a plugin file is at most 1 MiB (slipway.plugin-install.max-bytes)",
                api.postBytes("/api/plugins?kind=jar&file=x.jar", "application/octet-stream",
                        new byte[(int) SlipwayStack.PLUGIN_LIMIT + 1]));
        assertError(400, "coordinates \"a:b:[1,2)\" are not group:artifact:version",
                api.post("/api/plugins", Map.of("coordinates", "a:b:[1,2)")));
        assertError(404, "no plugin named \"never-installed\" was installed through the API",
                api.delete("/api/plugins/never-installed"));
        assertTrue(api.get("/api/plugins").body().findValues("name").stream().noneMatch(n -> n.asText().equals("checked")),
                "a refused plugin is listed");
    }

    private static byte[] jar(Map<String, String> attributes) throws Exception {
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        manifest.getMainAttributes().putValue("Slipway-Plugin-Api", "1.0");
        attributes.forEach(manifest.getMainAttributes()::putValue);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new java.util.jar.JarOutputStream(bytes, manifest).close();
        return bytes.toByteArray();
    }

    private static byte[] jarWithout() throws Exception {
        java.util.jar.Manifest manifest = new java.util.jar.Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new java.util.jar.JarOutputStream(bytes, manifest).close();
        return bytes.toByteArray();
    }

    private static byte[] zip(String entry, byte[] content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(bytes)) {
            zip.putNextEntry(new java.util.zip.ZipEntry(entry));
            zip.write(content);
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private static void assertError(int status, String message, Api.Answer answer) {
        assertEquals(status, answer.status(), answer::toString);
        assertTrue(answer.body() != null && answer.body().get("error").asText().contains(message), answer::toString);
    }

    private static byte[] tarGz(String name, String content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            byte[] data = content.getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry(name, true);
            entry.setSize(data.length);
            tar.putArchiveEntry(entry);
            tar.write(data);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}
