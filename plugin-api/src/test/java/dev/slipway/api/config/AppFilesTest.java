package dev.slipway.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** hop3.toml and app.json as their platforms' users write them, and which file wins over which. */
class AppFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aHop3TomlWithHop3sOwnKeysIsMappedToSlipways() throws Exception {
        AppConfig config = load(Map.of("hop3.toml", """
                [metadata]
                id = "hop3-hello"
                version = "1.0.0"
                title = "Hello"
                categories = ["demo"]

                [build]
                builder = "local"
                toolchain = "java"
                before-build = "echo preparing"
                after-build = ["echo one", "echo two"]

                [run]
                start = "python app.py"
                before-run = "echo starting"
                start-timeout = 45

                [run.workers]
                worker = "python jobs.py"

                [env]
                GREETING = "hi"
                WORKERS = 4

                [healthcheck]
                path = "/healthz"

                [[provider]]
                name = "postgres"
                plan = "small"
                """));

        assertEquals("native", config.build().strategy());
        assertEquals("java-maven", config.build().toolchain());
        assertEquals(List.of("echo preparing"), config.build().beforeBuild());
        assertEquals(List.of("echo one", "echo two"), config.build().afterBuild());
        assertEquals(Map.of("web", "{\necho starting\n} && {\npython app.py\n}",
                "worker", "{\necho starting\n} && {\npython jobs.py\n}"), config.processes());
        assertEquals(Map.of("GREETING", "hi", "WORKERS", "4"), config.env());
        assertEquals(new AppConfig.Healthcheck("/healthz", Duration.ofSeconds(45)), config.healthcheck());
        assertEquals(List.of(new AppConfig.Addon("postgres", Map.of("plan", "small"))), config.addons());
    }

    @Test
    void hop3KeysSlipwayCannotHonourAreRefusedByNameWithWhatToDoInstead() {
        assertEquals("hop3.toml line 2: [build] packages is Hop3's, and Slipway does not support it: install the"
                + " system packages on the server (bin/slipway setup --toolchains)",
                refusal(Map.of("hop3.toml", "[build]\npackages = [\"libpq-dev\"]\n")));
        assertEquals("hop3.toml line 1: [port] is Hop3's, and Slipway does not support it: Slipway gives each web"
                + " process its port in $PORT: listen on that", refusal(Map.of("hop3.toml", "[port]\nweb = 8000\n")));
        assertTrue(refusal(Map.of("hop3.toml", "[env]\nSECRET = { generate = \"hex\" }\n"))
                .contains("set it as a config var (slip config APP SECRET=…)"));
        assertTrue(refusal(Map.of("hop3.toml", "[run]\nstrt = \"x\"\n"))
                .startsWith("hop3.toml line 2: [run] key \"strt\" is unknown; allowed: before-run,"));
        assertTrue(refusal(Map.of("hop3.toml", "[runn]\n")).startsWith("hop3.toml line 1: unknown section [runn]"));
        assertTrue(refusal(Map.of("hop3.toml", "[run]\nstart = 5\n")).contains("[run] start must be a command line"));
    }

    @Test
    void beforeRunRunsBeforeEveryProcessFromWhicheverFileAndEachCommandMustSucceed() throws Exception {
        AppConfig config = load(Map.of("hop3.toml", "[run]\nstart = [\"cd src # into the code\", \"python app.py\"]\n"
                + "before-run = [\"./migrate\", \"./warm &\"]\n", "Procfile", "worker: python jobs.py\n"));

        assertEquals("{\n./migrate\n} && {\n./warm &\n} && {\n{\ncd src # into the code\n} && {\npython app.py\n}\n}",
                config.processes().get("web"));
        assertEquals("{\n./migrate\n} && {\n./warm &\n} && {\npython jobs.py\n}", config.processes().get("worker"));
        assertTrue(refusal(Map.of("hop3.toml", "[run]\nbefore-run = \"./migrate\"\n", "Procfile", "worker: x\n"))
                .contains("there is no web process to run it before"));
        assertTrue(refusal(Map.of("hop3.toml", "[run]\nstart = \"a \\\\\"\n"))
                .contains("[run] start ends with a backslash"));
        assertTrue(refusal(Map.of("hop3.toml", "[[addons]]\ntype = \"postgres\"\n[[provider]]\nname = \"redis\"\n"))
                .contains("[[addons]] and [[provider]] are the same list"));
    }

    @Test
    void anAppJsonGivesHooksTheWebHealthCheckEnvAndTheFirstFormation() throws Exception {
        AppConfig config = load(Map.of("app.json", """
                {"name": "hello", "buildpacks": [{"url": "heroku/python"}],
                 "scripts": {"dokku": {"predeploy": "python migrate.py", "postdeploy": "python warm.py"}},
                 "healthchecks": {"web": [{"type": "startup", "path": "/healthz", "attempts": 5, "wait": 2}]},
                 "env": {"GREETING": "hi", "MODE": {"value": "fast"}, "API_KEY": {"description": "theirs"},
                         "OPTIONAL": {"required": false}, "SECRET_KEY_BASE": {"generator": "secret"}},
                 "formation": {"web": {"quantity": 2, "size": "standard-1x"}, "worker": {"quantity": 0}},
                 "addons": ["heroku-postgresql", {"plan": "heroku-redis:mini", "as": "CACHE"}]}
                """));

        assertEquals(Map.of("pre_deploy", "python migrate.py", "post_deploy", "python warm.py"), config.hooks());
        assertEquals(new AppConfig.Healthcheck("/healthz", Duration.ofSeconds(35)), config.healthcheck());
        assertEquals(Map.of("GREETING", "hi", "MODE", "fast"), config.env());
        assertEquals(new AppConfig.Declared(Set.of("API_KEY"), Set.of("SECRET_KEY_BASE"), Map.of("web", 2, "worker", 0)),
                config.declared());
        assertNull(config.formation(), "the formation is decided when the deployment is recorded");
        assertEquals(List.of(new AppConfig.Addon("postgres", Map.of()), new AppConfig.Addon("redis", Map.of("as", "CACHE"))),
                config.addons());
    }

    @Test
    void appJsonKeysSlipwayCannotHonourAreRefusedByName() {
        assertTrue(refusal(Map.of("app.json", "{\"scripts\": {\"postdeploy\": \"seed\"}}"))
                .startsWith("app.json: scripts.postdeploy is Heroku's, run once for a new review app"));
        assertTrue(refusal(Map.of("app.json", "{\"healthchecks\": {\"web\": [{\"content\": \"ok\"}]}}"))
                .startsWith("app.json: healthchecks.web[0] key \"content\" is not supported"));
        assertTrue(refusal(Map.of("app.json", "{\"formation\": {\"web\": {\"quantity\": 99}}}"))
                .contains("formation.web.quantity must be a whole number from 1 to 32"));
        assertTrue(refusal(Map.of("app.json", "{\"env\": {\"K\": {\"generator\": \"uuid\"}}}"))
                .contains("env.K.generator must be \"secret\""));
        assertTrue(refusal(Map.of("app.json", "{\"nmae\": \"x\"}")).startsWith("app.json: key \"nmae\" is unknown"));
        assertTrue(refusal(Map.of("app.json", "{\"name\": ")).startsWith("app.json: "), "malformed JSON names the file");
        assertTrue(refusal(Map.of("app.json", "{\"addons\": [null]}")).contains("plan (none) has no Slipway addon"));
        assertTrue(refusal(Map.of("app.json", "{\"addons\": [{\"plan\": \"heroku-redis\", \"options\": {}}]}"))
                .contains("key \"options\" is not supported"));
        assertTrue(refusal(Map.of("app.json", "{\"env\": {\"PORT\": {\"required\": true}}}")).contains("env.PORT is Slipway's"));
        assertTrue(refusal(Map.of("app.json", "{\"formation\": {\"web\": {\"quantity\": 0}}}"))
                .contains("formation.web.quantity must be a whole number from 1 to 32"));
        assertTrue(refusal(Map.of("app.json", "{\"env\": {\"A\": null}}")).contains("env.A must be a JSON object"));
        assertTrue(refusal(Map.of("app.json", "[1, 2]")).contains("the file must be a JSON object"));
    }

    @Test
    void theMoreSpecificFileWinsKeyByKey() throws Exception {
        Map<String, String> files = new HashMap<>(Map.of(
                "slipway.toml", "[env]\nA = \"toml\"\n[hooks]\npost_deploy = \"toml hook\"\n[run]\nweb = \"toml web\"\n",
                "app.json", "{\"env\": {\"A\": \"json\", \"B\": \"json\"}, \"scripts\": {\"dokku\": {\"postdeploy\": "
                        + "\"json hook\", \"predeploy\": \"json pre\"}}, \"healthchecks\": {\"web\": [{\"path\": \"/json\"}]}}",
                "Procfile", "web: procfile web\nworker: procfile worker\n",
                ".env", "A=dotenv\nB=dotenv\nC=dotenv\n"));

        AppConfig config = load(files);

        assertEquals(Map.of("A", "toml", "B", "json", "C", "dotenv"), config.env());
        assertEquals(Map.of("post_deploy", "toml hook", "pre_deploy", "json pre"), config.hooks());
        assertEquals(Map.of("web", "toml web", "worker", "procfile worker"), config.processes());
        assertEquals("/json", config.healthcheck().path(), "slipway.toml has no [healthcheck]: app.json's");

        files.put("slipway.toml", "[healthcheck]\npath = \"/toml\"\n");
        assertEquals("/toml", load(files).healthcheck().path());
        files.put("slipway.toml", "[healthcheck]\ntimeout = \"30s\"\n");
        assertNull(load(files).healthcheck().path(), "a [healthcheck] of the default's values still wins as a whole");

        files.put("hop3.toml", "[run]\nstart = \"x\"\n");
        assertTrue(refusal(files).startsWith("slipway.toml and hop3.toml are both in the app's source: keep one"));
    }

    private static AppConfig load(Map<String, String> files) throws Exception {
        return AppConfigLoader.load(name -> Optional.ofNullable(files.get(name)), text -> JSON.readValue(text, Object.class));
    }

    private static String refusal(Map<String, String> files) {
        return assertThrows(ConfigException.class, () -> load(files)).getMessage();
    }
}
