package dev.slipway.api.event;

import dev.slipway.api.BuildArtifact;
import java.util.UUID;

public record Built(UUID deploymentId, String app, int attempt, BuildArtifact artifact) implements StageEvent {
}
