package dev.slipway.plugins.os;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Alpine Linux: apk. */
public final class Apk extends PackageTable {

    public Apk() {
        super("apk", Set.of("alpine"), Map.ofEntries(
                Map.entry("go", "go"), Map.entry("ruby", "ruby"), Map.entry("bundle", "ruby-bundler"),
                Map.entry("node", "nodejs"), Map.entry("npm", "npm"), Map.entry("python3", "python3"),
                Map.entry("java", "openjdk17-jdk"), Map.entry("mvn", "maven"), Map.entry("git", "git"),
                Map.entry("nginx", "nginx"), Map.entry("caddy", "caddy"), Map.entry("podman", "podman")));
    }

    @Override
    List<List<String>> commands(List<String> packages) {
        return List.of(with(List.of("apk", "add", "--no-cache"), packages));
    }
}
