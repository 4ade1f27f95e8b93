package dev.slipway.orchestrator.domain;

/**
 * An app asked for a domain it may not have. {@code held} when another app holds it (a conflict
 * that deleting that app would end), otherwise the domain is never an app's to take.
 */
public class DomainRefused extends RuntimeException {

    private final boolean held;

    DomainRefused(String message, boolean held) {
        super(message);
        this.held = held;
    }

    public boolean held() {
        return held;
    }
}
