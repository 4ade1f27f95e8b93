package dev.slipway.orchestrator.deployment.pipeline;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.slipway.orchestrator.deployment.Deployment;
import dev.slipway.orchestrator.workflow.DeploymentState;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class AppQueueTest {

    private static Deployment deployment(long number, DeploymentState state) {
        Deployment d = new Deployment();
        d.id = UUID.randomUUID();
        d.requestNumber = number;
        d.state = state;
        return d;
    }

    @Test
    void theOldestWaitingOneRunsOnceTheOneInFlightHasEnded() {
        Deployment ended = deployment(1, DeploymentState.SUCCEEDED);
        Deployment second = deployment(2, DeploymentState.QUEUED);
        Deployment third = deployment(3, DeploymentState.QUEUED);

        assertSame(second, AppQueue.head(List.of(second, third), ended.id));
    }

    @Test
    void nothingStartsWhileAnotherOfTheAppIsInFlight() {
        // A queued deployment was cancelled (it "ended") while an earlier one still builds.
        Deployment building = deployment(1, DeploymentState.BUILDING);
        Deployment cancelled = deployment(2, DeploymentState.CANCELLED);
        Deployment waiting = deployment(3, DeploymentState.QUEUED);

        assertNull(AppQueue.head(List.of(building, waiting), cancelled.id));
    }

    @Test
    void anEmptyQueueStartsNothing() {
        assertNull(AppQueue.head(List.of(), UUID.randomUUID()));
    }
}
