package dev.slipway.workers.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class StageLogsTest {

    @Test
    void everyOccurrenceOfASecretIsMaskedTheLongestFirst() {
        assertEquals("url=postgres://app:****@db token=**** again ****",
                StageLogs.mask("url=postgres://app:hunter2-long@db token=hunter2 again hunter2",
                        List.of("hunter2-long", "hunter2")));
        assertEquals("nothing secret here", StageLogs.mask("nothing secret here", List.of("hunter2")));
    }
}
