package dev.slipway.plugins.os;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Arch Linux and its derivatives: pacman. */
public final class Pacman extends PackageTable {

    public Pacman() {
        super("pacman", Set.of("arch"), Map.ofEntries(
                Map.entry("go", "go"), Map.entry("ruby", "ruby"), Map.entry("bundle", "ruby-bundler"),
                Map.entry("node", "nodejs"), Map.entry("npm", "npm"), Map.entry("python3", "python"),
                Map.entry("java", "jdk17-openjdk"), Map.entry("mvn", "maven"), Map.entry("git", "git"),
                Map.entry("nginx", "nginx"), Map.entry("caddy", "caddy"), Map.entry("podman", "podman")));
    }

    @Override
    List<List<String>> commands(List<String> packages) {
        return List.of(with(List.of("pacman", "-Sy", "--noconfirm", "--needed"), packages));
    }
}
