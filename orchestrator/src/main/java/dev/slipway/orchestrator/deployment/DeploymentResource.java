package dev.slipway.orchestrator.deployment;

import dev.slipway.messaging.EventCodec;
import dev.slipway.orchestrator.Refused;
import dev.slipway.orchestrator.api.Params;
import dev.slipway.orchestrator.deployment.pipeline.AppQueue;
import dev.slipway.orchestrator.deployment.pipeline.DeploymentProcess;
import dev.slipway.orchestrator.stream.DeploymentStreams;
import dev.slipway.orchestrator.stream.LiveStream;
import dev.slipway.orchestrator.workflow.DeploymentState;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.Map;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

@Path("/api/deployments")
public class DeploymentResource {

    private final Mutiny.SessionFactory sessions;
    private final DeploymentStreams streams;
    private final DeploymentProcess process;

    public DeploymentResource(Mutiny.SessionFactory sessions, DeploymentStreams streams, DeploymentProcess process) {
        this.sessions = sessions;
        this.streams = streams;
        this.process = process;
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<DeploymentView> get(@PathParam("id") String idText) {
        UUID id = Params.uuid("deployment id", idText);
        return sessions.withSession(session -> session.find(Deployment.class, id)
                .onItem().ifNull().failWith(() -> Refused.notFound("deployment " + id))
                .chain(d -> session.createQuery("from DeploymentStage where deploymentId = :id", DeploymentStage.class)
                        .setParameter("id", id).getResultList()
                        .chain(stages -> (d.state == DeploymentState.QUEUED ? AppQueue.ahead(session, d)
                                : Uni.createFrom().<Integer>nullItem())
                                .map(position -> DeploymentView.of(d, position, stages)))));
    }

    /**
     * Cancels a deployment: a queued one is dropped, a running one stopped at once (its build or
     * hook killed, a release it was starting stopped); the previous release keeps serving. 409 once
     * it has ended, or while the proxy is being switched to its release.
     */
    @POST
    @Path("/{id}/cancel")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<Response> cancel(@PathParam("id") String idText) {
        UUID id = Params.uuid("deployment id", idText);
        return process.cancel(id, "cancelled through the API")
                .map(d -> Response.ok(Map.of("id", d.id, "app", d.app, "state", d.state)).build());
    }

    /** The deployment's events: replayed from the log, then live; the stream ends after the terminal event. */
    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @LiveStream(LiveStream.Subject.DEPLOYMENT)
    public Multi<OutboundSseEvent> events(@PathParam("id") String id, @HeaderParam("Last-Event-ID") String lastEventId,
                                          @Context Sse sse) {
        return streams.events(Params.uuid("deployment id", id), Params.lastEventId(lastEventId))
                .map(e -> sse.newEventBuilder().id(Long.toString(e.position))
                        .name(e.type.substring(e.type.lastIndexOf('.') + 1)).data(e.payload).build());
    }

    /** The deployment's stage log lines, replayed then live, until the deployment has ended. */
    @GET
    @Path("/{id}/logs")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @LiveStream(LiveStream.Subject.DEPLOYMENT)
    public Multi<OutboundSseEvent> logs(@PathParam("id") String id, @HeaderParam("Last-Event-ID") String lastEventId,
                                        @Context Sse sse) {
        return streams.logs(Params.uuid("deployment id", id), Params.lastEventId(lastEventId))
                .map(line -> sse.newEventBuilder().id(Long.toString(line.position)).name("log")
                        .data(EventCodec.encode(Map.of("stage", line.stage, "time", line.loggedAt.toString(),
                                "text", line.text))).build());
    }

}
