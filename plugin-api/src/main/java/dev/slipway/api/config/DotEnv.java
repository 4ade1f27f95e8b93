package dev.slipway.api.config;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reads a {@code .env} file: {@code KEY=value} lines, optional {@code export}, optional quotes. */
public final class DotEnv {

    private DotEnv() {
    }

    public static Map<String, String> parse(String text) throws ConfigException {
        Map<String, String> env = new LinkedHashMap<>();
        String[] lines = text.split("\\R", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int eq = line.indexOf('=');
            String key = eq < 0 ? line : line.substring(0, eq).strip();
            if (eq < 0 || !Names.ENV_KEY.matcher(key).matches()) {
                throw new ConfigException(".env line " + (i + 1) + ": expected KEY=value with KEY made of letters,"
                        + " digits and '_', got \"" + Names.printable(key) + "\"");
            }
            String problem = Names.envKeyProblem(key);
            if (problem != null) {
                throw new ConfigException(".env line " + (i + 1) + ": " + problem);
            }
            env.put(key, unquote(line.substring(eq + 1).strip()));
        }
        return env;
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            return value.substring(1, value.length() - 1);
        }
        return value;
    }
}
