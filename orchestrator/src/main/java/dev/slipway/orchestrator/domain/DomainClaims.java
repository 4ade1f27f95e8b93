package dev.slipway.orchestrator.domain;

import dev.slipway.orchestrator.Refused;
import dev.slipway.orchestrator.SlipwayConfig;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Gives an app the domains its configuration asks for, in the transaction that records its
 * deployment, or refuses them all. The unique key on the domain settles two apps racing for one:
 * the second insert waits for the first transaction and then finds its row. A claim lasts until
 * its app is deleted (the rows go with it): a rollback to an older release may need it again.
 */
@ApplicationScoped
public class DomainClaims {

    /** The file whose {@code [proxy] domains} the messages speak of ({@code hop3.toml} has the same shape). */
    private static final String FILE = "slipway.toml";

    private final DomainRules rules;
    private final Clock clock;

    public DomainClaims(SlipwayConfig config, Clock clock) {
        this.rules = new DomainRules(config.baseDomain());
        this.clock = clock;
    }

    public Uni<Void> claim(Mutiny.Session session, String app, List<String> domains) {
        for (String domain : domains) {
            String problem = rules.problem(app, domain);
            if (problem != null) {
                throw Refused.invalid(message(domain, problem));
            }
        }
        if (domains.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Multi.createFrom().iterable(domains)
                .onItem().transformToUniAndConcatenate(domain -> session.createNativeQuery(
                                "insert into domain_claims (domain, app, claimed_at) values (?1, ?2, ?3)"
                                        + " on conflict (domain) do nothing")
                        .setParameter(1, domain).setParameter(2, app).setParameter(3, clock.instant())
                        .executeUpdate())
                .collect().last()
                .chain(() -> session.createQuery("from DomainClaim where domain in :domains and app <> :app order by domain",
                                DomainClaim.class)
                        .setParameter("domains", domains).setParameter("app", app).getResultList())
                .invoke(taken -> {
                    if (!taken.isEmpty()) {
                        DomainClaim first = taken.get(0);
                        throw Refused.conflict(message(first.domain, "is held by app \"" + first.app + "\""));
                    }
                })
                .replaceWithVoid();
    }

    private static String message(String domain, String problem) {
        return FILE + ": [proxy] domains \"" + domain + "\" " + problem;
    }
}
