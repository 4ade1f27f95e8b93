package dev.slipway.orchestrator.deployment;

import dev.slipway.api.config.Names;
import dev.slipway.orchestrator.api.ApiException;
import dev.slipway.orchestrator.app.App;
import io.smallrye.mutiny.Uni;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** The queries the release resources share. */
final class Releases {

    private Releases() {
    }

    static Uni<App> app(Mutiny.Session session, String name) {
        return session.find(App.class, name)
                .onItem().ifNull().failWith(() -> ApiException.notFound("app \"" + Names.printable(name) + "\""));
    }

    static Uni<List<Release>> newestFirst(Mutiny.Session session, String app) {
        return session.createQuery("from Release where app = :app order by version desc", Release.class)
                .setParameter("app", app).getResultList();
    }
}
