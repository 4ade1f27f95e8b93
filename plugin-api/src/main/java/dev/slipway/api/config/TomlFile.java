package dev.slipway.api.config;

import java.util.List;

/**
 * What {@code slipway.toml} or {@code hop3.toml} gives the loader beyond the configuration itself.
 *
 * @param declaresHealthcheck whether the file has a health check of its own (then it wins as a whole)
 * @param beforeRun           Hop3's {@code before-run}: commands to run before each process starts,
 *                            from whichever file the process comes
 */
record TomlFile(AppConfig config, boolean declaresHealthcheck, List<String> beforeRun) {

    TomlFile {
        beforeRun = List.copyOf(beforeRun);
    }

    /**
     * {@code command} after each of {@code before}, each on lines of its own, joined by {@code &&}:
     * a comment or a trailing {@code &} in one cannot swallow the next, and the first that fails stops the rest.
     */
    static String chained(List<String> commands) {
        StringBuilder chain = new StringBuilder();
        for (String command : commands) {
            chain.append(chain.isEmpty() ? "" : " && ").append("{\n").append(command).append("\n}");
        }
        return chain.toString();
    }
}
