package dev.slipway.orchestrator.config;

import dev.slipway.messaging.secrets.SecretBox;
import dev.slipway.orchestrator.deployment.Deployment;
import dev.slipway.orchestrator.outbox.OutboxMessage;
import dev.slipway.orchestrator.webhook.WebhookSecret;
import dev.slipway.orchestrator.webhook.WebhookSecrets;
import io.smallrye.mutiny.Uni;
import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Every table where sealed values live, each walked in key order a batch at a time. Rows are
 * locked while they are re-sealed ({@code FOR UPDATE}): the process manager locks a deployment the
 * same way before it changes it, so neither overwrites the other; the outbox relay skips locked rows
 * and publishes them on its next pass.
 */
final class SealedTables {

    private SealedTables() {
    }

    /** One table: the batch after a row ({@code null}: from the start), and how to re-seal a row in place. */
    interface Table<R> {
        String name();

        Uni<List<R>> batchAfter(Mutiny.Session session, R last, int size);

        Tally reseal(R row, SecretBox box);
    }

    /** A row that holds one sealed value: re-sealed with the newest key unless it already is. */
    private static Tally resealOne(SecretBox box, SecretBox.Owner owner, String sealed, Consumer<String> store) {
        if (box.isCurrent(sealed)) {
            return Tally.NONE;
        }
        try {
            store.accept(box.reseal(owner, sealed));
            return Tally.ONE;
        } catch (IllegalArgumentException e) {
            return Tally.UNREADABLE;
        }
    }

    static final List<Table<?>> ALL = List.of(new ConfigVars(), new WebhookSecretRows(), new Deployments(), new Outbox());

    /** app_config: one sealed value per row. */
    static final class ConfigVars implements Table<ConfigVar> {
        public String name() {
            return "app_config";
        }

        public Uni<List<ConfigVar>> batchAfter(Mutiny.Session session, ConfigVar last, int size) {
            return session.createSelectionQuery("from ConfigVar v where v.app > :app or (v.app = :app and v.key > :key)"
                            + " order by v.app, v.key", ConfigVar.class)
                    .setParameter("app", last == null ? "" : last.app)
                    .setParameter("key", last == null ? "" : last.key)
                    .setMaxResults(size).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        }

        public Tally reseal(ConfigVar row, SecretBox box) {
            return resealOne(box, new SecretBox.Owner(row.app, row.key), row.sealed, value -> row.sealed = value);
        }
    }

    /** webhook_secrets: an app's own webhook secret, one sealed value per app. */
    static final class WebhookSecretRows implements Table<WebhookSecret> {
        public String name() {
            return "webhook_secrets";
        }

        public Uni<List<WebhookSecret>> batchAfter(Mutiny.Session session, WebhookSecret last, int size) {
            return session.createSelectionQuery("from WebhookSecret s where s.app > :app order by s.app",
                            WebhookSecret.class)
                    .setParameter("app", last == null ? "" : last.app)
                    .setMaxResults(size).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        }

        public Tally reseal(WebhookSecret row, SecretBox box) {
            return resealOne(box, WebhookSecrets.owner(row.app), row.sealed, value -> row.sealed = value);
        }
    }

    /** deployments.config: the app's vars as they were when each deployment started, in {@code sealedEnv}. */
    static final class Deployments implements Table<Deployment> {
        public String name() {
            return "deployments";
        }

        public Uni<List<Deployment>> batchAfter(Mutiny.Session session, Deployment last, int size) {
            // PostgreSQL orders uuids as unsigned bytes; the all-zero uuid comes first.
            return session.createSelectionQuery("from Deployment d where d.id > :after and d.config like :sealed"
                            + " order by d.id", Deployment.class)
                    .setParameter("after", last == null ? new UUID(0, 0) : last.id)
                    .setParameter("sealed", SealedJson.LIKE)
                    .setMaxResults(size).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        }

        public Tally reseal(Deployment row, SecretBox box) {
            SealedJson.Outcome outcome = SealedJson.reseal(row.config, row.app, box);
            if (outcome.json() != null) {
                row.config = outcome.json();
            }
            return outcome.tally();
        }
    }

    /** outbox.payload: commands carry the deployment's config; published rows too, so none rests at an old version. */
    static final class Outbox implements Table<OutboxMessage> {
        public String name() {
            return "outbox";
        }

        public Uni<List<OutboxMessage>> batchAfter(Mutiny.Session session, OutboxMessage last, int size) {
            return session.createSelectionQuery("from OutboxMessage m where m.position > :after and m.payload like :sealed"
                            + " order by m.position", OutboxMessage.class)
                    .setParameter("after", last == null ? 0L : last.position)
                    .setParameter("sealed", SealedJson.LIKE)
                    .setMaxResults(size).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        }

        public Tally reseal(OutboxMessage row, SecretBox box) {
            // Commands are keyed by app (Outbox.enqueue): the key is the app their vars belong to.
            SealedJson.Outcome outcome = SealedJson.reseal(row.payload, row.key, box);
            if (outcome.json() != null) {
                row.payload = outcome.json();
            }
            return outcome.tally();
        }
    }
}
