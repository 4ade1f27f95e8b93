package dev.slipway.api.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a Heroku-style {@code Procfile}: one {@code type: command} a line. */
public final class Procfile {

    private Procfile() {
    }

    public static Map<String, String> parse(String text) throws ConfigException {
        Map<String, String> processes = new LinkedHashMap<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int colon = line.indexOf(':');
            String type = colon < 0 ? "" : line.substring(0, colon).strip();
            String command = colon < 0 ? "" : line.substring(colon + 1).strip();
            if (!Names.PROCESS_TYPE.matcher(type).matches() || command.isEmpty()) {
                throw new ConfigException("Procfile line " + (i + 1) + ": expected \"type: command\" with a lower-case"
                        + " type such as web, got \"" + Names.printable(line) + "\"");
            }
            if (processes.putIfAbsent(type, command) != null) {
                throw new ConfigException("Procfile line " + (i + 1) + ": process type \"" + type + "\" is defined twice");
            }
        }
        return processes;
    }
}
