package dev.slipway.plugins.deploy.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.StageException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two deployers of one host (two workers: two instances here, one state directory) and the ports they hand out. */
class PortReservationsTest {

    @TempDir
    Path state;

    private ProcessSettings settings(String range) throws StageException {
        return ProcessSettings.from(Map.of("port-range", range, "state-dir", state.toString()));
    }

    @Test
    void twoDeployersNeverHandOutTheSamePortEvenBeforeAnythingListens() throws Exception {
        PortReservations first = new PortReservations(settings("32000-32001"), Clock.systemUTC());
        PortReservations second = new PortReservations(settings("32000-32001"), Clock.systemUTC());

        int a = first.reserve("release a web.1");
        int b = second.reserve("release b web.1");

        assertNotEquals(a, b);
        StageException full = assertThrows(StageException.class, () -> first.reserve("release c web.1"));
        assertTrue(full.getMessage().startsWith("no free port in 32000-32001"), full.getMessage());
        second.release(b);
        assertEquals(b, first.reserve("release c web.1"), "a released port is free again");
    }

    @Test
    void aReservationNobodyRenewsLapses() throws Exception {
        new PortReservations(settings("32010-32010"), Clock.systemUTC()).reserve("release of a dead worker");
        Clock later = Clock.offset(Clock.systemUTC(), PortReservations.LEASE.plus(Duration.ofSeconds(1)));

        assertEquals(32010, new PortReservations(settings("32010-32010"), later).reserve("new release"));
    }

    @Test
    void aPortSomethingListensOnIsSkipped() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 32020));
            assertEquals(32021, new PortReservations(settings("32020-32021"), Clock.systemUTC()).reserve("r"));
        }
    }
}
