package dev.slipway.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@code [limits]}: what an app asks of the server's resource limits. */
class LimitsConfigTest {

    @Test
    void readsEveryLimitWithItsUnit() throws Exception {
        AppConfig config = AppConfigParser.parse("""
                [limits]
                processes = 64
                open-files = 1024
                memory = "512M"
                file-size = "2G"
                cpu-time = "10m"
                """, "slipway.toml");

        assertEquals(new AppConfig.Limits(64L, 1024L, 512L << 20, 2L << 30, Duration.ofMinutes(10)), config.limits());
    }

    @Test
    void theLimitsSurviveLoadingWithAProcfileAndADotEnv(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Files.writeString(dir.resolve("slipway.toml"), "[limits]\nmemory = \"256M\"\n");
        java.nio.file.Files.writeString(dir.resolve("Procfile"), "web: python3 app.py\n");
        java.nio.file.Files.writeString(dir.resolve(".env"), "A=1\n");

        assertEquals(256L << 20, AppConfigLoader.load(dir).limits().memoryBytes());
    }

    @Test
    void absentLimitsAreTheServersDefaults() throws Exception {
        assertEquals(AppConfig.Limits.NONE, AppConfigParser.parse("[run]\nweb = \"x\"\n", "slipway.toml").limits());
    }

    @Test
    void aWrongLimitNamesTheLineTheKeyAndWhatIsAllowed() {
        assertRefused("[limits]\nmemory = \"lots\"\n", "slipway.toml line 2: [limits] memory \"lots\" is invalid");
        assertRefused("[limits]\nmemory = \"10k\"\n", "at least 1M");
        assertRefused("[limits]\n\nprocesses = 0\n", "slipway.toml line 3: [limits] processes must be a whole number");
        assertRefused("[limits]\nprocesses = \"many\"\n", "[limits] processes must be a whole number");
        assertRefused("[limits]\ncpu-time = \"2d\"\n", "[limits] cpu-time \"2d\" is invalid");
        assertRefused("[limits]\nswap = \"1G\"\n", "[limits] key \"swap\" is unknown; allowed: cpu-time, file-size, memory,"
                + " open-files, processes");
    }

    private static void assertRefused(String toml, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> AppConfigParser.parse(toml, "slipway.toml"));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
