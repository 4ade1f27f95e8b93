package dev.slipway.api.event;

/**
 * A worker's report that a stage failed, and whether issuing it again may succeed. A fact recorded
 * before {@code retryable} existed decodes as not retryable: what it did then (fail at once).
 */
public sealed interface StageFailure permits BuildFailed, DeployFailed, ProxyFailed, HookFailed {

    String reason();

    boolean retryable();
}
