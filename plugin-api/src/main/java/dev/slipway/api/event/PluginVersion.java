package dev.slipway.api.event;

/**
 * Which plugin, at which version, a stage's strategy came from, as the worker that ran it loaded it.
 *
 * @param checksum the SHA-256 the worker announces for it; {@code null} for a built-in plugin
 */
public record PluginVersion(String name, String version, String checksum) {
}
