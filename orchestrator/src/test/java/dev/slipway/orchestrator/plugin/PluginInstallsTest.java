package dev.slipway.orchestrator.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.slipway.archive.PluginPackage;
import dev.slipway.archive.PluginPackage.Kind;
import dev.slipway.orchestrator.Refused;
import org.junit.jupiter.api.Test;

/** The name a plugin is installed under is the one every worker will load it under. */
class PluginInstallsTest {

    private static final byte[] FILE = {1};

    @Test
    void theNameIsTheOneAskedForElseTheManifestsElseTheFilesWithoutVersion() {
        assertEquals("mine", name(new PluginInstalls.Upload("mine", Kind.JAR, "x.jar", FILE), null));
        assertEquals("banner", name(new PluginInstalls.Upload(null, Kind.JAR, "banner-builder-0.1.0.jar", FILE), "banner"));
        assertEquals("hello-builder", name(new PluginInstalls.Upload(null, Kind.JAR, "hello-builder-1.2.0.jar", FILE), null));
        assertEquals("greet", name(new PluginInstalls.Upload(null, Kind.EXECUTABLE, "slipway-plugin-greet", FILE), "greet"));
    }

    @Test
    void aNameTheWorkersWouldLoadDifferentlyIsRefused() {
        assertRefused("\"banner-builder-0.1.0.jar\" names its plugin \"banner\" (Slipway-Plugin-Name); install it under that name",
                new PluginInstalls.Upload("other", Kind.JAR, "banner-builder-0.1.0.jar", FILE), "banner");
        assertRefused("plugin name \"tool-2\" ends like a version, which a worker strips from a file name; "
                + "name the plugin in its manifest (Slipway-Plugin-Name)", new PluginInstalls.Upload("tool-2", Kind.DIR, "x", FILE), null);
        assertRefused("the executable \"slipway-plugin-greet\" is plugin \"greet\" by its name; it cannot be installed as \"hello\"",
                new PluginInstalls.Upload("hello", Kind.EXECUTABLE, "slipway-plugin-greet", FILE), "greet");
    }

    @Test
    void namesAreLowerCaseStrategyNames() {
        assertRefused("plugin name \"Banner\" is not a lower-case name of at most 63 letters, digits and '-'",
                new PluginInstalls.Upload("Banner", Kind.JAR, "x.jar", FILE), null);
        assertRefused("plugin name \"../x\" is not a lower-case name of at most 63 letters, digits and '-'",
                new PluginInstalls.Upload("../x", Kind.JAR, "x.jar", FILE), null);
        assertRefused("plugin name \"" + "a".repeat(64) + "\" is not a lower-case name of at most 63 letters, digits and '-'",
                new PluginInstalls.Upload("a".repeat(64), Kind.JAR, "x.jar", FILE), null);
    }

    private static String name(PluginInstalls.Upload upload, String declared) {
        return PluginInstalls.nameOf(upload, new PluginPackage.Checked(upload.kind(), declared, "ab", "ab"));
    }

    private static void assertRefused(String message, PluginInstalls.Upload upload, String declared) {
        Refused e = assertThrows(Refused.class, () -> name(upload, declared));
        assertEquals(Refused.Kind.INVALID, e.kind());
        assertEquals(message, e.getMessage());
    }
}
