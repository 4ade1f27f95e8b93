package dev.slipway.plugins.os;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.slipway.api.Commands;
import dev.slipway.api.InstallPlan;
import dev.slipway.api.OsRelease;
import dev.slipway.api.OsSupport;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Each system recognised from its own os-release text; Debian's plan checked against this host's package lists. */
class OsSupportTest {

    private static final Map<String, String> OS_RELEASE = Map.of(
            "debian", "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION_ID=\"12\"\nID=debian\n",
            "ubuntu", "PRETTY_NAME=\"Ubuntu 24.04.1 LTS\"\nVERSION_ID=\"24.04\"\nID=ubuntu\nID_LIKE=debian\n",
            "fedora", "NAME=\"Fedora Linux\"\nVERSION_ID=40\nID=fedora\nPRETTY_NAME=\"Fedora Linux 40 (Server Edition)\"\n",
            "rocky", "NAME=\"Rocky Linux\"\nID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"\nVERSION_ID=\"9.4\"\n",
            "arch", "NAME=\"Arch Linux\"\nPRETTY_NAME=\"Arch Linux\"\nID=arch\nBUILD_ID=rolling\n",
            "alpine", "NAME=\"Alpine Linux\"\nID=alpine\nVERSION_ID=3.20.3\nPRETTY_NAME=\"Alpine Linux v3.20\"\n",
            "nixos", "NAME=NixOS\nID=nixos\nPRETTY_NAME=\"NixOS 24.05\"\n");

    @ParameterizedTest
    @CsvSource({
            "debian, apt, 'apt-get update && apt-get install -y --no-install-recommends golang-go ruby bundler'",
            "ubuntu, apt, 'apt-get update && apt-get install -y --no-install-recommends golang-go ruby bundler'",
            "fedora, dnf, 'dnf install -y golang ruby rubygem-bundler'",
            "rocky, dnf, 'dnf install -y golang ruby rubygem-bundler'",
            "arch, pacman, 'pacman -Sy --noconfirm --needed go ruby ruby-bundler'",
            "alpine, apk, 'apk add --no-cache go ruby ruby-bundler'"})
    void eachSystemIsRecognisedByOneSupportAndGetsItsPlan(String system, String support, String command) {
        OsRelease os = OsRelease.parse(OS_RELEASE.get(system));
        List<OsSupport> recognising = supports().stream().filter(s -> s.recognises(os)).toList();

        assertEquals(List.of(support), recognising.stream().map(OsSupport::name).toList());
        InstallPlan plan = recognising.get(0).plan(os, List.of("go", "ruby", "bundle"));
        assertEquals(command, plan.commandLine());
        assertEquals(List.of(), plan.unknown());
    }

    @Test
    void aSystemNoneKnowsIsRecognisedByNoneAndAProgramNoneKnowsIsListedAsUnknown() {
        OsRelease nixos = OsRelease.parse(OS_RELEASE.get("nixos"));
        assertEquals(List.of(), supports().stream().filter(s -> s.recognises(nixos)).toList());

        InstallPlan plan = new Apt().plan(OsRelease.parse(OS_RELEASE.get("debian")), List.of("cobol", "go", "go"));
        assertEquals(List.of("golang-go"), plan.packages());
        assertEquals(List.of("cobol"), plan.unknown());
        assertEquals("Debian GNU/Linux 12 (bookworm)", plan.os());
    }

    /** Debian is tested for real: this host is Debian, and every package the plan may name exists in its lists. */
    @Test
    void onThisDebianHostEveryPackageOfThePlanIsKnownToApt() throws Exception {
        OsRelease host = OsRelease.ofHost();
        assumeTrue(host.is("debian") && Files.isExecutable(java.nio.file.Path.of("/usr/bin/apt-cache")), "not Debian");
        assertEquals(List.of("apt"), supports().stream().filter(s -> s.recognises(host)).map(OsSupport::name).toList());
        assumeTrue(known("nginx"), "apt's package lists are empty here (no apt-get update yet)");
        InstallPlan plan = new Apt().plan(host, List.of("go", "ruby", "bundle", "node", "npm", "python3", "java", "mvn",
                "git", "nginx", "caddy", "podman"));
        List<String> missing = new ArrayList<>();
        for (String name : plan.packages()) {
            if (!known(name)) {
                missing.add(name);
            }
        }
        assertEquals(List.of(), missing, "packages apt does not know on " + host.prettyName());
    }

    private static boolean known(String name) {
        try {
            Commands.run(List.of("apt-cache", "show", "--no-all-versions", name), java.nio.file.Path.of("/"),
                    Map.of("PATH", System.getenv("PATH")), line -> { }, Duration.ofSeconds(30));
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static List<OsSupport> supports() {
        return ServiceLoader.load(OsSupport.class).stream().map(ServiceLoader.Provider::get).toList();
    }
}
