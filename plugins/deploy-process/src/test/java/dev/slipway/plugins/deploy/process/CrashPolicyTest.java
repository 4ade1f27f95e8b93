package dev.slipway.plugins.deploy.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;

class CrashPolicyTest {

    private static final Instant T0 = Instant.parse("2026-12-02T12:00:00Z");
    private final CrashPolicy policy = new CrashPolicy(Duration.ofSeconds(1), Duration.ofSeconds(5), 5,
            Duration.ofMinutes(5));

    @Test
    void theBackoffDoublesWithEachCrashInTheWindowUpToItsMaximum() {
        Deque<Instant> crashes = new ArrayDeque<>();
        assertEquals(Duration.ofSeconds(1), policy.afterCrash(crashes, T0));
        assertEquals(Duration.ofSeconds(2), policy.afterCrash(crashes, T0.plusSeconds(10)));
        assertEquals(Duration.ofSeconds(4), policy.afterCrash(crashes, T0.plusSeconds(20)));
        assertEquals(Duration.ofSeconds(5), policy.afterCrash(crashes, T0.plusSeconds(30)));
    }

    @Test
    void theLimitWithinTheWindowGivesUp() {
        Deque<Instant> crashes = new ArrayDeque<>();
        for (int i = 0; i < 4; i++) {
            policy.afterCrash(crashes, T0.plusSeconds(i));
        }
        assertNull(policy.afterCrash(crashes, T0.plusSeconds(4)));
    }

    @Test
    void crashesOlderThanTheWindowNoLongerCount() {
        Deque<Instant> crashes = new ArrayDeque<>();
        for (int i = 0; i < 4; i++) {
            policy.afterCrash(crashes, T0.plusSeconds(i));
        }
        // Six minutes later the four earlier ones are out of the window: a first crash again.
        assertEquals(Duration.ofSeconds(1), policy.afterCrash(crashes, T0.plus(Duration.ofMinutes(6))));
        assertEquals(1, crashes.size());
    }
}
