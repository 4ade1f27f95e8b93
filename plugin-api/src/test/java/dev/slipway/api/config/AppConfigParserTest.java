package dev.slipway.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AppConfigParserTest {

    @Test
    void readsEverySectionOfTheDesignExample() throws Exception {
        AppConfig config = AppConfigParser.parse("""
                [build]
                strategy = "native"
                toolchain = "node"
                [deploy]
                strategy = "process"
                [run]
                web = "node server.js"
                worker = "node jobs.js"
                [env]
                NODE_ENV = "production"
                WORKERS = 4
                [healthcheck]
                path = "/healthz"
                timeout = "45s"
                [hooks]
                post_deploy = "npm run migrate"
                [proxy]
                domains = ["hello.example.com"]
                [[addons]]
                type = "postgres"
                """, "slipway.toml");

        assertEquals("native", config.build().strategy());
        assertEquals("node", config.build().toolchain());
        assertEquals("process", config.deploy().strategy());
        assertEquals(Map.of("web", "node server.js", "worker", "node jobs.js"), config.processes());
        assertEquals(Map.of("NODE_ENV", "production", "WORKERS", "4"), config.env());
        assertEquals(new AppConfig.Healthcheck("/healthz", Duration.ofSeconds(45)), config.healthcheck());
        assertEquals(Map.of("post_deploy", "npm run migrate"), config.hooks());
        assertEquals(List.of("hello.example.com"), config.proxy().domains());
        assertEquals("postgres", config.addons().get(0).type());
    }

    @Test
    void malformedTomlNamesTheLine() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> AppConfigParser.parse("[build]\nstrategy = \"native\"\ntoolchain = \n", "slipway.toml"));
        assertTrue(e.getMessage().startsWith("slipway.toml line 3"), e.getMessage());
    }

    @Test
    void unknownKeyNamesLineKeyAndAllowedKeys() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> AppConfigParser.parse("[build]\n\nstrategy = \"native\"\nstrategee = \"x\"\n", "slipway.toml"));
        assertEquals("slipway.toml line 4: [build] key \"strategee\" is unknown; allowed: after-build, before-build, static-dir, strategy, toolchain",
                e.getMessage());
    }

    @Test
    void unknownSectionListsTheAllowedOnes() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> AppConfigParser.parse("[deploi]\nstrategy = \"process\"\n", "hop3.toml"));
        assertTrue(e.getMessage().startsWith("hop3.toml line 1: unknown section [deploi]; allowed: addons, build"),
                e.getMessage());
    }

    @Test
    void refusesBadValuesWithWhatIsAllowed() {
        assertProblem("[deploy]\nstrategy = \"Dock er\"\n", "line 2: [deploy] strategy \"Dock er\" is not a strategy name");
        assertProblem("[healthcheck]\ntimeout = \"forever\"\n", "line 2: [healthcheck] timeout \"forever\" is invalid");
        assertProblem("[healthcheck]\npath = \"healthz\"\n", "line 2: [healthcheck] path must start with '/'");
        assertProblem("[env]\n\"1BAD\" = \"x\"\n", "line 2: [env] key \"1BAD\" is invalid");
        assertProblem("[proxy]\ndomains = [\"ok.example.com\", \"Not A Host\"]\n", "line 2: [proxy] domains[1]");
        assertProblem("[build]\nstatic-dir = \"../outside\"\n", "line 2: [build] static-dir must be a path inside the app");
        assertProblem("[run]\nweb = [\"node\"]\n", "line 2: [run] web must be a non-empty string");
    }

    @Test
    void domainsAreNormalisedAsDnsComparesThem() throws Exception {
        AppConfig config = AppConfigParser.parse(
                "[proxy]\ndomains = [\"Shop.Example.COM.\", \"shop.example.com\", \"xn--bcher-kva.example\"]\n",
                "slipway.toml");
        assertEquals(List.of("shop.example.com", "xn--bcher-kva.example"), config.proxy().domains());
    }

    @Test
    void hostileDomainsAreRefused() {
        for (String bad : List.of("", ".", "a..b", "-a.com", "a-.com", "a b.com", "*.example.com", "a_b.com",
                "b\u00fccher.example", "\u212aitchen.example", "a/b", "a.com:80", "[::1]", "x".repeat(64) + ".com")) {
            assertProblem("[proxy]\ndomains = [\"" + bad + "\"]\n", "line 2: [proxy] domains[0]");
        }
        assertProblem("[proxy]\ndomains = [1]\n", "line 2: [proxy] domains[0] must be a host name");
        assertProblem("[proxy]\ndomains = \"a.com\"\n", "line 2: [proxy] domains must be an array");
    }

    @Test
    void commandsMustBeStrings() {
        assertProblem("[run]\nweb = 8080\n", "line 2: [run] web must be a non-empty string (a command line), not a number");
        assertProblem("[run]\nweb = true\n", "[run] web must be a non-empty string (a command line), not a boolean");
        assertProblem("[run]\nweb = \"\"\n", "[run] web must be a non-empty string (a command line), not an empty string");
        assertProblem("[run]\n\n[run.web]\ncmd = \"x\"\n", "line 3: [run] web must be a non-empty string (a command line), not a table");
        assertProblem("[hooks]\npost_deploy = [\"npm\", \"run\"]\n",
                "line 2: [hooks] post_deploy must be a non-empty string (a command line), not an array");
        assertProblem("[hooks]\npre_stop = 3\n", "line 2: [hooks] pre_stop must be a non-empty string (a command line), not a number");
    }

    @Test
    void slipwayTomlWinsOverProcfileAndDotEnv() throws Exception {
        Map<String, String> files = Map.of(
                "slipway.toml", "[run]\nweb = \"node server.js\"\n[env]\nMODE = \"toml\"\n",
                "Procfile", "web: node old.js\nworker: node jobs.js\n",
                ".env", "export MODE=dotenv\nOTHER='kept'\n");
        AppConfig config = AppConfigLoader.load(name -> Optional.ofNullable(files.get(name)));

        assertEquals(Map.of("web", "node server.js", "worker", "node jobs.js"), config.processes());
        assertEquals(Map.of("MODE", "toml", "OTHER", "kept"), config.env());
        assertNull(config.build().strategy());
    }

    @Test
    void theReleasePhaseComesFromHooksOrTheProcfileButNotFromBoth() throws Exception {
        AppConfig fromHooks = AppConfigParser.parse("[hooks]\nrelease = \"./migrate\"\n", "slipway.toml");
        assertEquals(Optional.of("./migrate"), fromHooks.releaseCommand());
        assertTrue(fromHooks.hasHookCommand("pre_deploy"));
        assertFalse(fromHooks.hasHookCommand("post_deploy"));
        AppConfig fromProcfile = AppConfigLoader.load(name -> Optional.ofNullable(
                Map.of("Procfile", "web: serve\nrelease: ./migrate\n").get(name)));
        assertEquals(Optional.of("./migrate"), fromProcfile.releaseCommand());
        assertEquals(Optional.empty(), AppConfig.empty().releaseCommand());

        Map<String, String> both = Map.of("slipway.toml", "[hooks]\nrelease = \"./migrate\"\n",
                "Procfile", "web: serve\nrelease: ./other\n");
        ConfigException e = assertThrows(ConfigException.class,
                () -> AppConfigLoader.load(name -> Optional.ofNullable(both.get(name))));
        assertEquals("slipway.toml: [hooks] release and the release process type (Procfile `release:`) both give"
                + " the release phase's command; keep one", e.getMessage());
    }

    @Test
    void storagePathsAreDirectoriesInsideTheAppThatDoNotOverlap() throws Exception {
        AppConfig config = AppConfigParser.parse("[[storage]]\npath = \"data\"\n\n[[storage]]\npath = \"public/uploads/\"\n",
                "slipway.toml");
        assertEquals(List.of("data", "public/uploads"), config.storage());
        assertEquals(List.of(), AppConfig.empty().storage());
        assertEquals(List.of("data"), AppConfigLoader.load(name -> Optional.ofNullable(
                Map.of("slipway.toml", "[[storage]]\npath = \"data\"\n", "Procfile", "web: serve\n").get(name)))
                .storage(), "the loader keeps them");

        assertProblem("[[storage]]\npath = \"/var/lib/x\"\n",
                "slipway.toml line 1: [[storage]] entry 1: storage path \"/var/lib/x\" must be relative to the app's"
                        + " directory, e.g. \"data\"");
        assertProblem("[[storage]]\npath = \"data/../../etc\"\n", "entry 1: storage path \"data/../../etc\" is invalid");
        assertProblem("[[storage]]\npath = \"a//b\"\n", "is invalid");
        assertProblem("[[storage]]\npath = \".\"\n", "is invalid");
        assertProblem("[[storage]]\npath = \"data\"\n[[storage]]\npath = \"data/db\"\n",
                "slipway.toml line 3: [[storage]] entry 2: storage path \"data/db\" overlaps \"data\"");
        assertProblem("[[storage]]\npath = 3\n", "[[storage]] entry 1 needs path = \"<directory in the app>\"");
        assertProblem("[[storage]]\npath = \"data\"\nsize = \"1G\"\n", "key \"size\" is unknown; allowed: path");
        assertProblem("storage = \"data\"\n", "storage must be an array of tables");
        assertProblem("[[storage]]\npath = \"data\"\n".repeat(1) + "[[storage]]\npath = \"x\"\n".repeat(16),
                "at most 16 [[storage]] entries, not 17");
        AppConfig e = AppConfig.empty();
        assertThrows(IllegalArgumentException.class, () -> new AppConfig(e.build(), e.deploy(), e.processes(), e.env(),
                e.healthcheck(), e.hooks(), e.proxy(), e.addons(), e.sealedEnv(), e.limits(), e.retry(), null,
                List.of("../x")), "a stored configuration is checked too");
    }

    @Test
    void badProcfileLineIsNamed() {
        ConfigException e = assertThrows(ConfigException.class, () -> Procfile.parse("web: ok\nthis is wrong\n"));
        assertTrue(e.getMessage().startsWith("Procfile line 2"), e.getMessage());
    }

    @Test
    void appNamesAreDnsLabels() {
        assertNull(Names.appNameProblem("hello-1"));
        for (String bad : List.of("", "Hello", "-x", "x-", "a_b", "a.b", "a".repeat(64), "../etc")) {
            assertTrue(Names.appNameProblem(bad) != null, bad);
        }
    }

    private static void assertProblem(String toml, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> AppConfigParser.parse(toml, "slipway.toml"));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
