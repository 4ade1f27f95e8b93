package dev.slipway.orchestrator.app;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AppNamesTest {

    @Test
    void reservedNamesAreRefusedSayingWhy() {
        for (String name : AppNames.RESERVED) {
            assertTrue(AppNames.problem(name).contains("is reserved for Slipway itself"), name);
        }
        assertTrue(AppNames.problem("Api").contains("DNS label"));
        assertNull(AppNames.problem("apiary"));
    }
}
