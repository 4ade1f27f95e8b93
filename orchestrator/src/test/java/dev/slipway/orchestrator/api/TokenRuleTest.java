package dev.slipway.orchestrator.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenRuleTest {

    @Test
    void noTokenIsRefusedAtStartWithWhatToDo() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> TokenRule.required(Optional.empty(), false));
        assertTrue(e.getMessage().contains("SLIPWAY_API_TOKEN"), e::getMessage);
        assertTrue(e.getMessage().contains("slipway.api.allow-no-token"), e::getMessage);
    }

    @Test
    void aBlankTokenIsNoToken() {
        assertThrows(IllegalStateException.class, () -> TokenRule.required(Optional.of("  "), false));
    }

    @Test
    void runningOpenIsAnExplicitDecision() {
        assertEquals(Optional.empty(), TokenRule.required(Optional.empty(), true));
    }

    @Test
    void aTokenIsRequired() {
        assertEquals(Optional.of("s3cret"), TokenRule.required(Optional.of("s3cret"), false));
    }

    @Test
    void onlyReadinessAndSignedWebhooksAreOpen() {
        assertTrue(ApiGuard.open("/q/health"));
        assertTrue(ApiGuard.open("/q/health/ready"));
        assertTrue(ApiGuard.open("/hooks/github"));
        assertFalse(ApiGuard.open("/q/metrics"));
        assertFalse(ApiGuard.open("/q/openapi"));
        assertFalse(ApiGuard.open("/q/healthz"));
        assertFalse(ApiGuard.open("/api/apps"));
        assertFalse(ApiGuard.open("/"));
        assertFalse(ApiGuard.open("/anything-added-later"));
    }
}
