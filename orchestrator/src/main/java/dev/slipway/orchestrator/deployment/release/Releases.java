package dev.slipway.orchestrator.deployment.release;

import io.smallrye.mutiny.Uni;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** The release query the release resources share. */
final class Releases {

    private Releases() {
    }

    static Uni<List<Release>> newestFirst(Mutiny.Session session, String app) {
        return session.createQuery("from Release where app = :app order by version desc", Release.class)
                .setParameter("app", app).getResultList();
    }
}
