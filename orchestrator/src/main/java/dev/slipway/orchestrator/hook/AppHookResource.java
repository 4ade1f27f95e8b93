package dev.slipway.orchestrator.hook;

import dev.slipway.api.HookPoints;
import dev.slipway.api.event.EventTypes;
import dev.slipway.api.event.HookCompleted;
import dev.slipway.api.event.HookFailed;
import dev.slipway.api.event.SlipwayEvent;
import dev.slipway.messaging.EventCodec;
import dev.slipway.orchestrator.eventlog.LoggedEvent;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * How an app's hook points outside deployments went (app_created, config_changed, app_destroyed),
 * newest last, from the event log: so it answers for a deleted app too.
 */
@Path("/api/apps/{app}/hooks")
@Produces(MediaType.APPLICATION_JSON)
public class AppHookResource {

    /** One call of a point: its request's id, and "COMPLETED" or "FAILED" with what failed. */
    public record AppHookView(UUID id, String point, String outcome, String reason, Instant recordedAt) {
    }

    static final int RECENT = 100;
    private static final List<String> TYPES = List.of(EventTypes.typeOf(HookCompleted.class),
            EventTypes.typeOf(HookFailed.class));

    private final Mutiny.SessionFactory sessions;

    public AppHookResource(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    @GET
    public Uni<List<AppHookView>> list(@PathParam("app") String app) {
        return sessions.withSession(session -> session.createQuery(
                                "from LoggedEvent e where e.app = :app and e.type in :types"
                                        + " and e.deploymentId not in (select d.id from Deployment d) order by e.position desc",
                                LoggedEvent.class)
                        .setParameter("app", app).setParameter("types", TYPES).setMaxResults(RECENT).getResultList())
                .map(rows -> {
                    List<AppHookView> views = new ArrayList<>();
                    for (LoggedEvent row : rows) {
                        AppHookView view = view(row, decoded(row));
                        if (view != null) {
                            views.add(view);
                        }
                    }
                    Collections.reverse(views);
                    return views;
                });
    }

    private static SlipwayEvent decoded(LoggedEvent row) {
        try {
            return EventCodec.decode(row.type, row.payload);
        } catch (EventCodec.MalformedMessageException e) {
            // Written by this service; one that no longer reads is left out rather than failing the list.
            return null;
        }
    }

    private static AppHookView view(LoggedEvent row, SlipwayEvent event) {
        if (event instanceof HookCompleted done && HookPoints.OF_APP.contains(done.hook())) {
            return new AppHookView(done.deploymentId(), done.hook(), "COMPLETED", null, row.recordedAt);
        }
        if (event instanceof HookFailed failed && HookPoints.OF_APP.contains(failed.hook())) {
            return new AppHookView(failed.deploymentId(), failed.hook(), "FAILED", failed.reason(), row.recordedAt);
        }
        return null;
    }
}
