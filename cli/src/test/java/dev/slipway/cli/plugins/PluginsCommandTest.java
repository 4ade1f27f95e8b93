package dev.slipway.cli.plugins;

import static dev.slipway.cli.FakeApi.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.cli.CliRun;
import dev.slipway.cli.FakeApi;
import java.io.IOException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PluginsCommandTest {

    private static final String PLUGINS = "[{'name':'banner','origin':'JAR','source':'banner.jar','version':'1.2.0',"
            + "'checksum':'ab12','provides':[{'kind':'builder','name':'banner','priority':0,"
            + "'settings':[{'key':'title','type':'STRING','defaultValue':'Banner','description':'the heading'}]}],"
            + "'workers':[{'worker':'w1','status':'LOADED','problem':null},{'worker':'w2','status':'LOADED','problem':null}]},"
            + "{'name':'too-new','origin':'JAR','source':'too-new.jar','version':'unknown','checksum':'cd34','provides':[],"
            + "'workers':[{'worker':'w1','status':'REFUSED','problem':'targets plugin API 2.0'}]},"
            + "{'name':'shell-site','origin':'EXECUTABLE','source':'slipway-plugin-shell-site','version':'0.1.0',"
            + "'checksum':'ef56','provides':[{'kind':'builder','name':'shell-site','priority':50,'settings':[]}],"
            + "'workers':[{'worker':'w1','status':'LOADED','problem':null},{'worker':'w2','status':'LOADED','problem':null}]},"
            + "{'name':'fresh','origin':'JAR','source':'fresh.jar','version':null,'checksum':'ef56','provides':[],'workers':[],"
            + "'installed':{'name':'fresh','kind':'jar','sha256':'ef56','announcedChecksum':'ef56'}}]";

    private FakeApi api;

    @BeforeEach
    void start() throws IOException {
        api = new FakeApi();
        api.on("GET", "/api/plugins", (request, exchange) -> json(exchange, 200, PLUGINS));
    }

    @AfterEach
    void stop() {
        api.close();
    }

    @Test
    void listsEachPluginWithWhatItProvidesAndHowTheWorkersFared() {
        CliRun run = CliRun.slip(api.url(), "plugins");

        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals(5, lines.length, run.out());
        assertTrue(lines[1].matches("banner +1\\.2\\.0 +JAR +builder/banner +LOADED on 2 workers"), lines[1]);
        assertTrue(lines[2].matches("too-new +unknown +JAR +REFUSED on w1: targets plugin API 2\\.0"), lines[2]);
        assertTrue(lines[3].matches("shell-site +0\\.1\\.0 +EXECUTABLE +builder/shell-site \\(50\\) +LOADED on 2 workers"), lines[3]);
        assertTrue(lines[4].matches("fresh +JAR +installed, on no worker yet"), lines[4]);
    }

    @Test
    void infoShowsTheSettingsAsTheOperatorSetsThem() {
        CliRun run = CliRun.slip(api.url(), "plugins", "info", "banner");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("banner 1.2.0 (JAR, banner.jar, sha256 ab12)\n"
                + "  builder banner, priority 0\n"
                + "    slipway.plugins.banner.title (string, default Banner): the heading\n"
                + "  on w1: LOADED\n"
                + "  on w2: LOADED\n", run.out());
    }

    @Test
    void infoShowsTheHookPointsAHookSubscribesTo() {
        api.on("GET", "/api/plugins", (request, exchange) -> json(exchange, 200, "[{'name':'recorder','origin':'JAR',"
                + "'source':'recorder.jar','version':'0.1.0','checksum':'ef56','provides':[{'kind':'hook','name':'recorder',"
                + "'priority':0,'settings':[],'points':['post_build','pre_deploy']}],"
                + "'workers':[{'worker':'w1','status':'LOADED','problem':null}]}]"));

        CliRun run = CliRun.slip(api.url(), "plugins", "info", "recorder");

        assertEquals(0, run.exitCode(), run.err());
        assertEquals("recorder 0.1.0 (JAR, recorder.jar, sha256 ef56)\n"
                + "  hook recorder, priority 0\n"
                + "    hook points: post_build, pre_deploy\n"
                + "  on w1: LOADED\n", run.out());
    }

    @Test
    void infoOfAnUnknownPluginSaysSo() {
        CliRun run = CliRun.slip(api.url(), "plugins", "info", "nope");

        assertEquals(1, run.exitCode());
        assertEquals("slip: no worker has a plugin named \"nope\"; slip plugins lists them\n", run.err());
    }
}
