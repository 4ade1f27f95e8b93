package dev.slipway.orchestrator.workflow;

import static dev.slipway.orchestrator.workflow.DeploymentState.BUILDING;
import static dev.slipway.orchestrator.workflow.DeploymentState.DEPLOYING;
import static dev.slipway.orchestrator.workflow.DeploymentState.FAILED;
import static dev.slipway.orchestrator.workflow.DeploymentState.PROXYING;
import static dev.slipway.orchestrator.workflow.DeploymentState.REQUESTED;
import static dev.slipway.orchestrator.workflow.DeploymentState.SUCCEEDED;

import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.event.BuildFailed;
import dev.slipway.api.event.BuildRequested;
import dev.slipway.api.event.BuildStarted;
import dev.slipway.api.event.Built;
import dev.slipway.api.event.Command;
import dev.slipway.api.event.DeployFailed;
import dev.slipway.api.event.DeployRequested;
import dev.slipway.api.event.DeployStarted;
import dev.slipway.api.event.Deployed;
import dev.slipway.api.event.DeploymentFailed;
import dev.slipway.api.event.DeploymentRequested;
import dev.slipway.api.event.DeploymentSucceeded;
import dev.slipway.api.event.ProxyConfigured;
import dev.slipway.api.event.ProxyFailed;
import dev.slipway.api.event.ProxyRequested;
import dev.slipway.api.event.ProxyStarted;
import dev.slipway.api.event.SlipwayEvent;
import dev.slipway.api.event.StopRequested;
import java.util.ArrayList;
import java.util.List;

/**
 * The deployment process as a pure function: {@code next(snapshot, event)} gives the next state and
 * the commands to issue. No I/O, no clock; the transition table:
 *
 * <pre>
 * REQUESTED + DeploymentRequested → BUILDING   : BuildRequested
 * BUILDING  + BuildStarted        → BUILDING
 * BUILDING  + Built               → DEPLOYING  : DeployRequested
 * BUILDING  + BuildFailed         → FAILED     ! DeploymentFailed
 * DEPLOYING + DeployStarted       → DEPLOYING
 * DEPLOYING + Deployed            → PROXYING   : ProxyRequested
 * DEPLOYING + DeployFailed        → FAILED     ! DeploymentFailed            (the deployer left nothing running)
 * PROXYING  + ProxyStarted        → PROXYING
 * PROXYING  + ProxyConfigured     → SUCCEEDED  : StopRequested(previous)   ! DeploymentSucceeded
 * PROXYING  + ProxyFailed         → FAILED     : StopRequested(new)        ! DeploymentFailed
 * </pre>
 *
 * Anything else — a duplicate, a late answer of an older attempt, a fact for a finished
 * deployment — is ignored and says why.
 */
public final class Workflow {

    private Workflow() {
    }

    public static Decision next(DeploymentSnapshot d, SlipwayEvent event) {
        if (event.attempt() != d.attempt() && !(event instanceof DeploymentRequested)) {
            return Decision.ignore(d.state(), "answer to attempt " + event.attempt() + ", current is " + d.attempt());
        }
        DeploymentState state = d.state();
        if (state == REQUESTED && event instanceof DeploymentRequested) {
            return Decision.to(BUILDING, List.of(new BuildRequested(d.id(), d.app(), d.attempt(), d.source(), d.config())), List.of());
        }
        if (state == BUILDING && event instanceof BuildStarted
                || state == DEPLOYING && event instanceof DeployStarted
                || state == PROXYING && event instanceof ProxyStarted) {
            return Decision.to(state, List.of(), List.of());
        }
        if (state == BUILDING && event instanceof Built built) {
            return Decision.to(DEPLOYING,
                    List.of(new DeployRequested(d.id(), d.app(), d.attempt(), built.artifact(), d.config())), List.of());
        }
        if (state == BUILDING && event instanceof BuildFailed failed) {
            return fail(d, "build", failed.reason(), null);
        }
        if (state == DEPLOYING && event instanceof Deployed deployed) {
            return Decision.to(PROXYING,
                    List.of(new ProxyRequested(d.id(), d.app(), d.attempt(), deployed.release(), d.domains())), List.of());
        }
        if (state == DEPLOYING && event instanceof DeployFailed failed) {
            return fail(d, "deploy", failed.reason(), null);
        }
        if (state == PROXYING && event instanceof ProxyConfigured configured) {
            List<Command> commands = new ArrayList<>();
            if (d.previousRelease() != null) {
                commands.add(stop(d, d.previousRelease(), "replaced by release " + d.nextVersion()));
            }
            return Decision.to(SUCCEEDED, commands,
                    List.of(new DeploymentSucceeded(d.id(), d.app(), d.attempt(), d.nextVersion(), configured.urls())));
        }
        if (state == PROXYING && event instanceof ProxyFailed failed) {
            return fail(d, "proxy", failed.reason(), stop(d, d.release(), "its proxy configuration failed"));
        }
        return Decision.ignore(state, event.getClass().getSimpleName() + " does not apply to a deployment in state " + state);
    }

    private static Decision fail(DeploymentSnapshot d, String stage, String reason, Command cleanUp) {
        return Decision.to(FAILED, cleanUp == null ? List.of() : List.of(cleanUp),
                List.of(new DeploymentFailed(d.id(), d.app(), d.attempt(), stage, reason)));
    }

    private static StopRequested stop(DeploymentSnapshot d, DeploymentInfo release, String reason) {
        return new StopRequested(d.id(), d.app(), d.attempt(), release, reason);
    }
}
