package dev.slipway.plugins.os;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Fedora, RHEL and their rebuilds (Rocky, Alma, CentOS Stream): dnf. */
public final class Dnf extends PackageTable {

    public Dnf() {
        super("dnf", Set.of("fedora", "rhel", "centos"), Map.ofEntries(
                Map.entry("go", "golang"), Map.entry("ruby", "ruby"), Map.entry("bundle", "rubygem-bundler"),
                Map.entry("node", "nodejs"), Map.entry("npm", "npm"), Map.entry("python3", "python3"),
                Map.entry("java", "java-17-openjdk-headless"), Map.entry("mvn", "maven"), Map.entry("git", "git"),
                Map.entry("nginx", "nginx"), Map.entry("caddy", "caddy"), Map.entry("podman", "podman")));
    }

    @Override
    List<List<String>> commands(List<String> packages) {
        return List.of(with(List.of("dnf", "install", "-y"), packages));
    }
}
