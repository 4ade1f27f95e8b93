package dev.slipway.workers.plugin;

import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/** Until a worker serves host services to executable plugins, they get none. */
@ApplicationScoped
public class NoHostAccess {

    @Produces
    @DefaultBean
    @ApplicationScoped
    HostAccess none() {
        return HostAccess.none();
    }
}
