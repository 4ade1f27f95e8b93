package dev.slipway.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.cli.Json;
import dev.slipway.cli.Terminal;
import java.util.stream.Collectors;

/** Stage log lines, set apart from event lines by a bar: {@code   build    | npm install}. */
public final class LogFormatter {

    private LogFormatter() {
    }

    public static String format(JsonNode data) {
        String prefix = String.format("  %-8s | ", Json.text(data, "stage"));
        String text = Json.text(data, "text").stripTrailing();
        if (text.isEmpty()) {
            return prefix.stripTrailing();
        }
        return text.lines().map(line -> prefix + Terminal.safe(line)).collect(Collectors.joining("\n"));
    }
}
