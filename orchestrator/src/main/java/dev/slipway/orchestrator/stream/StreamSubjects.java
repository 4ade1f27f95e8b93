package dev.slipway.orchestrator.stream;

import dev.slipway.api.config.Names;
import dev.slipway.orchestrator.api.ApiErrors;
import dev.slipway.orchestrator.Refused;
import dev.slipway.orchestrator.app.App;
import dev.slipway.orchestrator.deployment.Deployment;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Response;
import java.lang.reflect.Method;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/** The 404 of a {@link LiveStream} endpoint, looked up before the stream's headers go out. */
public class StreamSubjects {

    private final Mutiny.SessionFactory sessions;

    public StreamSubjects(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    @ServerRequestFilter
    public Uni<Response> exists(ContainerRequestContext request, ResourceInfo resource) {
        Method method = resource.getResourceMethod();
        LiveStream live = method == null ? null : method.getAnnotation(LiveStream.class);
        if (live == null) {
            return Uni.createFrom().nullItem();
        }
        String name = request.getUriInfo().getPathParameters().getFirst(live.value().parameter);
        return switch (live.value()) {
            case DEPLOYMENT -> {
                UUID id;
                try {
                    id = UUID.fromString(name);
                } catch (IllegalArgumentException e) {
                    yield Uni.createFrom().nullItem(); // the endpoint says what is wrong with it
                }
                yield sessions.withSession(session -> session.find(Deployment.class, id))
                        .map(found -> found == null ? notFound("deployment " + id) : null);
            }
            case APP -> sessions.withSession(session -> session.find(App.class, name))
                    .map(found -> found == null ? notFound("app \"" + Names.printable(name) + "\"") : null);
        };
    }

    private static Response notFound(String what) {
        return ApiErrors.answer(Refused.notFound(what));
    }
}
