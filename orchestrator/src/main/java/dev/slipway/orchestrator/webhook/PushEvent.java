package dev.slipway.orchestrator.webhook;

/**
 * What Slipway needs of a push: where to clone from, which branch moved, which branch the
 * repository calls its default, whether the branch was deleted rather than pushed to, and the
 * repository's name (its path on GitLab), which binds a push signed with the shared secret to an app.
 */
public record PushEvent(String cloneUrl, String branch, String defaultBranch, boolean deleted, String repository) {
}
