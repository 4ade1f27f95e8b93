package dev.slipway.api.config;

import java.util.regex.Pattern;

/** The shapes of names that come from outside: app names, strategy names, environment keys. */
public final class Names {

    /** A DNS label: the app's name is its host name under the base domain. */
    public static final Pattern APP = Pattern.compile("[a-z]([a-z0-9-]{0,61}[a-z0-9])?");
    public static final Pattern STRATEGY = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    public static final Pattern ENV_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");
    public static final Pattern PROCESS_TYPE = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

    private Names() {
    }

    /** Why {@code name} is not a valid app name, or {@code null} if it is. */
    public static String appNameProblem(String name) {
        if (name == null || name.isEmpty()) {
            return "app name is missing";
        }
        if (!APP.matcher(name).matches()) {
            return "app name \"" + printable(name) + "\" is invalid: use 1-63 lower-case letters, digits and '-',"
                    + " starting with a letter and not ending with '-' (it becomes a DNS label)";
        }
        return null;
    }

    /** A name as it may be shown back to a user: control characters escaped, long names cut. */
    public static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (out.length() > 80) {
                return out.append("…").toString();
            }
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
