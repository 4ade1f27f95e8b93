package dev.slipway.messaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.slipway.api.config.AppConfig;
import dev.slipway.api.event.BuildFailed;
import dev.slipway.api.event.DeployFailed;
import dev.slipway.api.event.HookFailed;
import dev.slipway.api.event.ProxyFailed;
import dev.slipway.api.event.SlipwayEvent;
import dev.slipway.api.event.StageFailure;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Failures say whether they are retryable; those recorded before they said so are not, as they were then. */
class StageFailureCodecTest {

    private final UUID id = UUID.randomUUID();

    @Test
    void theRetryableFlagSurvivesTheRoundTrip() throws Exception {
        for (SlipwayEvent event : List.<SlipwayEvent>of(new BuildFailed(id, "hello", 1, "ETIMEDOUT", true),
                new DeployFailed(id, "hello", 2, "disk", true), new ProxyFailed(id, "hello", 1, "nginx -t", false),
                new HookFailed(id, "hello", 1, "post_deploy", "exit 3", true))) {
            SlipwayEvent decoded = EventCodec.decode(event.type(), EventCodec.encode(event));
            assertEquals(event, decoded);
        }
    }

    @Test
    void aFailureRecordedBeforeTheFlagIsNotRetryable() throws Exception {
        String old = "{\"deploymentId\":\"" + id + "\",\"app\":\"hello\",\"attempt\":1,\"reason\":\"npm failed\"}";
        StageFailure decoded = (StageFailure) EventCodec.decode("dev.slipway.BuildFailed", old);

        assertEquals("npm failed", decoded.reason());
        assertFalse(decoded.retryable());
        assertFalse(((StageFailure) EventCodec.decode("dev.slipway.HookFailed", "{\"deploymentId\":\"" + id
                + "\",\"app\":\"hello\",\"attempt\":1,\"hook\":\"post_deploy\",\"reason\":\"x\"}")).retryable());
    }

    @Test
    void anAppConfigStoredBeforeRetryExistedHasTheServersPolicy() {
        String stored = EventCodec.encode(AppConfig.empty()).replaceAll(",\"retry\":\\{[^}]*}", "");
        assertFalse(stored.contains("retry"), stored);

        AppConfig config = EventCodec.readStored(stored, new TypeReference<>() { });

        assertEquals(AppConfig.Retry.NONE, config.retry());
        AppConfig patient = AppConfig.empty().withSealedEnv(java.util.Map.of());
        assertTrue(EventCodec.encode(patient).contains("\"retry\""), "a new one keeps it");
        assertEquals(Duration.ofSeconds(30), EventCodec.readStored(EventCodec.encode(new AppConfig(patient.build(),
                patient.deploy(), patient.processes(), patient.env(), patient.healthcheck(), patient.hooks(),
                patient.proxy(), patient.addons(), patient.sealedEnv(), patient.limits(),
                new AppConfig.Retry(4, Duration.ofSeconds(30)))), new TypeReference<AppConfig>() { }).retry().backoff());
    }
}
