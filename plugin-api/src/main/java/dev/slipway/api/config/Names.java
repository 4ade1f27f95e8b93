package dev.slipway.api.config;

import java.util.Set;
import java.util.regex.Pattern;

/** The shapes of names that come from outside: app names, strategy names, environment keys. */
public final class Names {

    /** A DNS label: the app's name is its host name under the base domain. */
    public static final Pattern APP = Pattern.compile("[a-z]([a-z0-9-]{0,61}[a-z0-9])?");
    public static final Pattern STRATEGY = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    public static final Pattern ENV_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,254}");
    public static final Pattern PROCESS_TYPE = Pattern.compile("[a-z][a-z0-9_-]{0,62}");

    /**
     * Variables that change how a program is loaded or what its C library reads: glibc drops exactly
     * these (its "unsecure" list) for setuid programs. An app may not set them, because the host's
     * own programs that start the app's code (the sandbox's {@code sh}, {@code prlimit},
     * {@code setpriv}) run as root before they switch to the app's user.
     */
    private static final Set<String> LOADER_VARIABLES = Set.of("GCONV_PATH", "GETCONF_DIR", "GLIBC_TUNABLES",
            "HOSTALIASES", "LOCALDOMAIN", "LOCPATH", "NIS_PATH", "NLSPATH", "RESOLV_HOST_CONF", "RES_OPTIONS",
            "TZDIR");

    private Names() {
    }

    /** Why an app may not set the environment variable {@code key}, or {@code null} if it may. */
    public static String envKeyProblem(String key) {
        if (key == null || !ENV_KEY.matcher(key).matches()) {
            return "\"" + printable(String.valueOf(key)) + "\" is not a variable name: letters, digits and '_', not"
                    + " starting with a digit";
        }
        if (key.startsWith("LD_") || key.startsWith("MALLOC_") || LOADER_VARIABLES.contains(key)) {
            return key + " is not allowed: it changes how programs are loaded, and Slipway's own programs start"
                    + " the app's (LD_*, MALLOC_*, GCONV_PATH, GLIBC_TUNABLES, LOCPATH, … are refused)";
        }
        return null;
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
        return printable(text, 80);
    }

    /** {@code text} as it may be shown back to a user, control characters escaped, cut after about {@code max} characters. */
    public static String printable(String text, int max) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (out.length() > max) {
                return out.append("…").toString();
            }
            out.append(Character.isISOControl(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
