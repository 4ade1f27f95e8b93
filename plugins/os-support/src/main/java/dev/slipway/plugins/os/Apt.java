package dev.slipway.plugins.os;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Debian, Ubuntu and their derivatives: apt-get. The names are Debian 12's, checked on this host by the tests. */
public final class Apt extends PackageTable {

    public Apt() {
        super("apt", Set.of("debian", "ubuntu"), Map.ofEntries(
                Map.entry("go", "golang-go"), Map.entry("ruby", "ruby"), Map.entry("bundle", "bundler"),
                Map.entry("node", "nodejs"), Map.entry("npm", "npm"), Map.entry("python3", "python3-venv"),
                Map.entry("java", "openjdk-17-jdk-headless"), Map.entry("mvn", "maven"), Map.entry("git", "git"),
                Map.entry("nginx", "nginx"), Map.entry("caddy", "caddy"), Map.entry("podman", "podman")));
    }

    @Override
    List<List<String>> commands(List<String> packages) {
        return List.of(List.of("apt-get", "update"),
                with(List.of("apt-get", "install", "-y", "--no-install-recommends"), packages));
    }
}
