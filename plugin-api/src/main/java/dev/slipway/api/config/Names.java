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
    /** One process of a release, as Heroku names dynos: its type and index, {@code web.1}. */
    public static final Pattern PROCESS = Pattern.compile(PROCESS_TYPE.pattern() + "\\.[1-9][0-9]{0,2}");
    /** One directory name of a persistent storage path: no '.' or '..', nothing a shell or a URL treats specially. */
    private static final Pattern STORAGE_SEGMENT = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,63}");
    private static final int MAX_STORAGE_DEPTH = 8;

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

    /**
     * Why {@code path} is not a persistent storage path ({@code [[storage]] path}), or {@code null}
     * if it is: a relative path inside the app such as {@code data} or {@code public/uploads}.
     */
    public static String storagePathProblem(String path) {
        String shown = "storage path \"" + printable(String.valueOf(path)) + "\"";
        if (path == null || path.isEmpty()) {
            return "storage path is missing";
        }
        if (path.startsWith("/")) {
            return shown + " must be relative to the app's directory, e.g. \"data\"";
        }
        String[] segments = path.split("/", -1);
        if (segments.length > MAX_STORAGE_DEPTH) {
            return shown + " is deeper than " + MAX_STORAGE_DEPTH + " directories";
        }
        for (String segment : segments) {
            if (!STORAGE_SEGMENT.matcher(segment).matches()) {
                return shown + " is invalid: use directory names of letters, digits, '.', '_' and '-' separated by"
                        + " '/', each starting with a letter, digit or '_' (no '..', no empty name)";
            }
        }
        return null;
    }

    /** Whether two storage paths are the same directory or one lies inside the other. */
    public static boolean storageOverlap(String a, String b) {
        return a.equals(b) || a.startsWith(b + "/") || b.startsWith(a + "/");
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
