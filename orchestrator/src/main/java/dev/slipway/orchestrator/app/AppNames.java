package dev.slipway.orchestrator.app;

import dev.slipway.api.config.Names;
import java.util.Set;

/**
 * Which names an app may take. An app's name is its host name under the base domain, so names
 * that users and tools expect to be the platform's own ({@code api.example.com},
 * {@code www.example.com}) are kept back: an app called {@code api} would answer to them.
 */
public final class AppNames {

    public static final Set<String> RESERVED = Set.of("admin", "api", "git", "localhost", "mail", "slipway", "status",
            "www");

    private AppNames() {
    }

    /** Why {@code name} cannot be a new app's name, or {@code null} if it can. */
    public static String problem(String name) {
        String shape = Names.appNameProblem(name);
        if (shape != null) {
            return shape;
        }
        if (RESERVED.contains(name)) {
            return "app name \"" + name + "\" is reserved for Slipway itself; reserved: "
                    + String.join(", ", RESERVED.stream().sorted().toList());
        }
        return null;
    }
}
