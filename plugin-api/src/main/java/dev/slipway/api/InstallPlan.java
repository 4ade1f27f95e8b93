package dev.slipway.api;

import java.util.List;
import java.util.stream.Collectors;

/**
 * How one operating system installs the programs a strategy needs.
 *
 * @param os       the system, as its {@code PRETTY_NAME} says
 * @param packages the packages that provide the programs
 * @param commands what to run, as root, in order (argument arrays: refreshing the package lists, installing)
 * @param unknown  programs this system's support has no package for
 */
public record InstallPlan(String os, List<String> packages, List<List<String>> commands, List<String> unknown) {

    public InstallPlan {
        packages = List.copyOf(packages);
        commands = commands.stream().map(List::copyOf).toList();
        unknown = List.copyOf(unknown);
    }

    /** The commands as a person types them, joined by {@code &&}. */
    public String commandLine() {
        return commands.stream().map(c -> String.join(" ", c)).collect(Collectors.joining(" && "));
    }
}
