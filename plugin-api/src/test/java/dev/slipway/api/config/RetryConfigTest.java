package dev.slipway.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code [retry]}: how often and how soon an app's stages are issued again. */
class RetryConfigTest {

    @Test
    void readsAttemptsAndBackoff() throws Exception {
        AppConfig config = AppConfigParser.parse("[retry]\nattempts = 5\nbackoff = \"10s\"\n", "slipway.toml");

        assertEquals(new AppConfig.Retry(5, Duration.ofSeconds(10)), config.retry());
    }

    @Test
    void absentRetryIsTheServersPolicy() throws Exception {
        assertEquals(AppConfig.Retry.NONE, AppConfigParser.parse("[run]\nweb = \"x\"\n", "slipway.toml").retry());
        assertEquals(new AppConfig.Retry(1, null), AppConfigParser.parse("[retry]\nattempts = 1\n", "slipway.toml")
                .retry());
    }

    @Test
    void theRetrySettingsSurviveLoadingWithAProcfileAndConfigVars(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("slipway.toml"), "[retry]\nattempts = 2\n");
        Files.writeString(dir.resolve("Procfile"), "web: python3 app.py\n");

        AppConfig loaded = AppConfigLoader.load(dir);

        assertEquals(2, loaded.retry().attempts());
        assertEquals(2, loaded.withSealedEnv(java.util.Map.of("K", "sealed")).retry().attempts());
    }

    @Test
    void aWrongRetryNamesTheLineTheKeyAndWhatIsAllowed() {
        assertRefused("[retry]\n\nattempts = 0\n", "slipway.toml line 3: [retry] attempts must be a whole number from 1"
                + " to 10");
        assertRefused("[retry]\nattempts = 11\n", "[retry] attempts must be a whole number from 1 to 10");
        assertRefused("[retry]\nattempts = \"3\"\n", "slipway.toml line 2: [retry] attempts must be a whole number");
        assertRefused("[retry]\nattempts = 2.5\n", "[retry] attempts must be a whole number");
        assertRefused("[retry]\nbackoff = \"soon\"\n", "slipway.toml line 2: [retry] backoff \"soon\" is invalid: use a"
                + " number and a unit");
        assertRefused("[retry]\nbackoff = \"1h\"\n", "at most 10m");
        assertRefused("[retry]\nbackoff = 5\n", "[retry] backoff must be a non-empty string");
        assertRefused("[retry]\nmax-attempts = 3\n", "[retry] key \"max-attempts\" is unknown; allowed: attempts, backoff");
        assertRefused("retry = 3\n", "\"retry\" must be a table ([retry])");
    }

    private static void assertRefused(String toml, String expected) {
        ConfigException e = assertThrows(ConfigException.class, () -> AppConfigParser.parse(toml, "slipway.toml"));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}
