package dev.slipway.orchestrator.config;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The sealing key's rotation. The operator adds a key version to the key file (bin/slipway
 * rotate-secrets-key does), the services seal with it at once, and this re-seals what is stored.
 * The answer holds counts only, never a value.
 */
@Path("/api/secrets")
@Produces(MediaType.APPLICATION_JSON)
public class SecretsResource {

    private final Resealing resealing;

    public SecretsResource(Resealing resealing) {
        this.resealing = resealing;
    }

    /** Seals every stored value again with the key file's newest version; safe to repeat. */
    @POST
    @Path("/rotate")
    public Uni<Resealing.Report> rotate() {
        return resealing.resealAll();
    }
}
