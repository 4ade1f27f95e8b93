package dev.slipway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PluginApiTest {

    @Test
    void aPluginForThisMajorVersionAndNoNewerMinorOneRuns() {
        assertNull(PluginApi.problem("1.0"));
        assertNull(PluginApi.problem(" 1.0 "));
    }

    @Test
    void anotherMajorVersionOrANewerMinorOneIsRefusedNamingWhatIsSupported() {
        assertEquals("targets plugin API 2.0; this Slipway supports plugin API 1.0 to 1.0", PluginApi.problem("2.0"));
        assertEquals("targets plugin API 1.1; this Slipway supports plugin API 1.0 to 1.0", PluginApi.problem("1.1"));
        assertEquals("targets plugin API 0.9; this Slipway supports plugin API 1.0 to 1.0", PluginApi.problem("0.9"));
    }

    @Test
    void aMissingOrMalformedVersionSaysWhatIsExpected() {
        assertEquals("names no plugin API version (Slipway-Plugin-Api in its manifest); this Slipway supports plugin API"
                + " 1.0 to 1.0", PluginApi.problem(null));
        assertEquals("names plugin API version \"1\", which is not major.minor; this Slipway supports plugin API 1.0 to 1.0",
                PluginApi.problem("1"));
        assertEquals("names plugin API version \"1.x\", which is not major.minor; this Slipway supports plugin API 1.0 to"
                + " 1.0", PluginApi.problem("1.x"));
    }
}
