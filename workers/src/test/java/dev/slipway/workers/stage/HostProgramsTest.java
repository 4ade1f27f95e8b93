package dev.slipway.workers.stage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.slipway.api.InstallPlan;
import dev.slipway.api.OsRelease;
import dev.slipway.api.OsSupport;
import dev.slipway.api.StageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A toolchain's program that the host lacks: the build says this host's install command, or runs it when allowed. */
class HostProgramsTest {

    private static final OsRelease DEBIAN = OsRelease.parse("PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nID=debian\n");

    @TempDir
    Path bin;

    @Test
    void aProgramOnThePathNeedsNothing() throws Exception {
        new HostPrograms(supports(), DEBIAN, false).require("the go toolchain", List.of("sh"),
                Map.of("PATH", "/usr/bin:/bin"), line -> { });
    }

    @Test
    void aMissingProgramFailsTheBuildWithTheCommandOfTheOsSupportThatKnowsTheHost() {
        StageException e = assertThrows(StageException.class, () -> new HostPrograms(supports(), DEBIAN, false)
                .require("the go toolchain", List.of("go"), Map.of("PATH", bin.toString()), line -> { }));

        assertEquals("go is not installed on this worker (not on its PATH), and the go toolchain runs it. Install it on"
                + " every build worker (Debian GNU/Linux 12 (bookworm)): apt-get update && apt-get install -y"
                + " --no-install-recommends golang-go; or let the workers do it (slipway.toolchains.install-missing=true,"
                + " workers running as root)", e.getMessage());

        StageException unknown = assertThrows(StageException.class, () -> new HostPrograms(supports(), DEBIAN, false)
                .require("the cobol toolchain", List.of("cobc"), Map.of("PATH", bin.toString()), line -> { }));
        assertTrue(unknown.getMessage().endsWith("has no package known to Slipway for cobc: install it by hand"),
                unknown.getMessage());
    }

    @Test
    void aHostNoOsSupportKnowsIsSaidSo() {
        StageException e = assertThrows(StageException.class, () -> new HostPrograms(supports(),
                OsRelease.parse("ID=nixos\nPRETTY_NAME=\"NixOS 24.05\"\n"), false)
                .require("the ruby toolchain", List.of("ruby"), Map.of("PATH", bin.toString()), line -> { }));

        assertTrue(e.getMessage().endsWith("no OS support plugin knows NixOS 24.05: install it with its package manager"),
                e.getMessage());
    }

    @Test
    void whenAllowedTheWorkerRunsThePlanAndTheProgramIsThere() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "installing needs a root worker");
        Path program = bin.resolve("greet-tool");
        // A plan whose "package manager" puts the program on the build's PATH, as apt-get would.
        OsSupport fake = new OsSupport() {
            @Override
            public String name() {
                return "fake";
            }

            @Override
            public boolean recognises(OsRelease os) {
                return true;
            }

            @Override
            public InstallPlan plan(OsRelease os, List<String> programs) {
                return new InstallPlan(os.prettyName(), List.of("greet-tool"), List.of(List.of("sh", "-c",
                        "printf '#!/bin/sh\\n' > " + program + " && chmod +x " + program)), List.of());
            }
        };
        List<String> log = new ArrayList<>();

        new HostPrograms(List.of(fake), DEBIAN, true).require("the greet toolchain", List.of("greet-tool"),
                Map.of("PATH", bin.toString()), log::add);

        assertTrue(Files.isExecutable(program));
        assertTrue(log.get(0).endsWith(": installing with sh -c printf '#!/bin/sh\\n' > " + program + " && chmod +x "
                + program), log::toString);
    }

    private static List<OsSupport> supports() {
        return ServiceLoader.load(OsSupport.class).stream().map(ServiceLoader.Provider::get).toList();
    }
}
