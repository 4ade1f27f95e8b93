package dev.slipway.api;

import java.util.List;

/**
 * What every strategy has: a stable lower-case name that configuration can use, and a priority
 * that orders auto-detection (higher is asked first).
 */
public interface Strategy {

    /** Stable lower-case name, e.g. {@code "native"}, {@code "process"}, {@code "nginx"}. */
    String name();

    /** Auto-detection order: strategies with a higher priority are asked {@code accept()} first. */
    default int priority() {
        return 0;
    }

    /** The settings it reads from its context's {@code config()}, with their defaults; none by default. */
    default List<Setting> settings() {
        return List.of();
    }
}
