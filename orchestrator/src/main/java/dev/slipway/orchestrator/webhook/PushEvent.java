package dev.slipway.orchestrator.webhook;

/**
 * What Slipway needs of a push: where to clone from, which branch moved, which branch the
 * repository calls its default, and whether the branch was deleted rather than pushed to.
 */
public record PushEvent(String cloneUrl, String branch, String defaultBranch, boolean deleted) {
}
