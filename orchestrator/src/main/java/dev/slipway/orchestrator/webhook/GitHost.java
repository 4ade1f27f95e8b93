package dev.slipway.orchestrator.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.UnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** How each git host signs its push webhooks, names its events, and shapes its payload. */
public enum GitHost {

    /** {@code X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the body>}. */
    GITHUB("X-GitHub-Event", "X-GitHub-Delivery", "push", "repository", "clone_url", "name") {
        @Override
        boolean verify(UnaryOperator<String> headers, byte[] body, String secret) {
            return matches(headers.apply("X-Hub-Signature-256"), "sha256=" + hmac(secret, body));
        }
    },
    /** {@code X-Gitlab-Token: <the secret>}. */
    GITLAB("X-Gitlab-Event", "X-Gitlab-Event-UUID", "Push Hook", "project", "git_http_url", "path") {
        @Override
        boolean verify(UnaryOperator<String> headers, byte[] body, String secret) {
            return matches(headers.apply("X-Gitlab-Token"), secret);
        }
    },
    /** {@code X-Gitea-Signature: <hex HMAC-SHA256 of the body>}. */
    GITEA("X-Gitea-Event", "X-Gitea-Delivery", "push", "repository", "clone_url", "name") {
        @Override
        boolean verify(UnaryOperator<String> headers, byte[] body, String secret) {
            return matches(headers.apply("X-Gitea-Signature"), hmac(secret, body));
        }
    };

    private static final String BRANCHES = "refs/heads/";
    private static final String NO_COMMIT = "0000000000000000000000000000000000000000";

    private final String eventHeader;
    private final String deliveryHeader;
    private final String pushEvent;
    private final String repositoryField;
    private final String cloneUrlField;
    private final String nameField;

    GitHost(String eventHeader, String deliveryHeader, String pushEvent, String repositoryField, String cloneUrlField,
            String nameField) {
        this.eventHeader = eventHeader;
        this.deliveryHeader = deliveryHeader;
        this.pushEvent = pushEvent;
        this.repositoryField = repositoryField;
        this.cloneUrlField = cloneUrlField;
        this.nameField = nameField;
    }

    public static Optional<GitHost> named(String name) {
        for (GitHost host : values()) {
            if (host.name().equalsIgnoreCase(name)) {
                return Optional.of(host);
            }
        }
        return Optional.empty();
    }

    /** Whether the request really comes from someone who knows the shared secret. */
    abstract boolean verify(UnaryOperator<String> headers, byte[] body, String secret);

    /** The event's name as the host sends it, e.g. {@code push}, {@code ping}. */
    String event(UnaryOperator<String> headers) {
        String event = headers.apply(eventHeader);
        return event == null ? "" : event;
    }

    /** The id the host gives this delivery (the same on its own redeliveries), or null. */
    String delivery(UnaryOperator<String> headers) {
        String id = headers.apply(deliveryHeader);
        return id == null || id.isBlank() ? null : id.strip();
    }

    String deliveryHeader() {
        return deliveryHeader;
    }

    boolean isPush(String event) {
        return pushEvent.equals(event);
    }

    /** The push in the payload, or empty when it moved a tag rather than a branch. */
    Optional<PushEvent> push(JsonNode payload) throws IllegalArgumentException {
        String ref = text(payload, "ref");
        JsonNode repository = payload.path(repositoryField);
        String cloneUrl = text(repository, cloneUrlField);
        if (!ref.startsWith(BRANCHES)) {
            return Optional.empty();
        }
        boolean deleted = payload.path("deleted").asBoolean(false) || NO_COMMIT.equals(payload.path("after").asText());
        return Optional.of(new PushEvent(cloneUrl, ref.substring(BRANCHES.length()),
                repository.path("default_branch").asText("main"), deleted, repository.path(nameField).asText("")));
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException("the payload has no \"" + field + "\"");
        }
        return value.asText();
    }

    private static boolean matches(String given, String expected) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
