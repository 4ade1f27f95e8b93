package dev.slipway.orchestrator.deployment;

import dev.slipway.messaging.EventCodec;
import dev.slipway.orchestrator.api.ApiException;
import dev.slipway.orchestrator.api.Params;
import dev.slipway.orchestrator.stream.DeploymentStreams;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.Map;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

@Path("/api/deployments")
public class DeploymentResource {

    private final Mutiny.SessionFactory sessions;
    private final DeploymentStreams streams;

    public DeploymentResource(Mutiny.SessionFactory sessions, DeploymentStreams streams) {
        this.sessions = sessions;
        this.streams = streams;
    }

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<DeploymentView> get(@PathParam("id") String idText) {
        UUID id = Params.uuid("deployment id", idText);
        return sessions.withSession(session -> session.find(Deployment.class, id)
                .onItem().ifNull().failWith(() -> ApiException.notFound("deployment " + id))
                .chain(d -> session.createQuery("from DeploymentStage where deploymentId = :id", DeploymentStage.class)
                        .setParameter("id", id).getResultList()
                        .map(stages -> DeploymentView.of(d, stages))));
    }

    /** The deployment's events: replayed from the log, then live; the stream ends after the terminal event. */
    @GET
    @Path("/{id}/events")
    @Produces(MediaType.SERVER_SENT_EVENTS)
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
    public Multi<OutboundSseEvent> logs(@PathParam("id") String id, @HeaderParam("Last-Event-ID") String lastEventId,
                                        @Context Sse sse) {
        return streams.logs(Params.uuid("deployment id", id), Params.lastEventId(lastEventId))
                .map(line -> sse.newEventBuilder().id(Long.toString(line.position)).name("log")
                        .data(EventCodec.encode(Map.of("stage", line.stage, "time", line.loggedAt.toString(),
                                "text", line.text))).build());
    }

}
