package dev.slipway.plugins.os;

import dev.slipway.api.InstallPlan;
import dev.slipway.api.OsRelease;
import dev.slipway.api.OsSupport;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A package manager and the package that provides each program on its systems. The programs are
 * the ones Slipway's toolchains, proxies and container strategies run.
 */
abstract class PackageTable implements OsSupport {

    private final String name;
    private final Set<String> families;
    private final Map<String, String> packages;

    PackageTable(String name, Set<String> families, Map<String, String> packages) {
        this.name = name;
        this.families = Set.copyOf(families);
        this.packages = Map.copyOf(packages);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean recognises(OsRelease os) {
        return families.stream().anyMatch(os::is);
    }

    @Override
    public InstallPlan plan(OsRelease os, List<String> programs) {
        Set<String> wanted = new LinkedHashSet<>();
        List<String> unknown = new ArrayList<>();
        for (String program : programs) {
            String provider = packages.get(program);
            if (provider == null) {
                unknown.add(program);
            } else {
                wanted.add(provider);
            }
        }
        List<String> list = List.copyOf(wanted);
        return new InstallPlan(os.prettyName(), list, list.isEmpty() ? List.of() : commands(list), unknown);
    }

    /** What installs {@code packages}, as root, non-interactively. */
    abstract List<List<String>> commands(List<String> packages);

    static List<String> with(List<String> command, List<String> packages) {
        List<String> all = new ArrayList<>(command);
        all.addAll(packages);
        return all;
    }
}
