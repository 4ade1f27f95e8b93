package dev.slipway.workers.isolation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The filter an app's long-running output passes through on its way to its log file, so that the
 * file never holds a secret in clear. It is a separate process (awk, a fixed program) rather than
 * a thread of the worker: the app and its log outlive the worker that started them. The secrets
 * reach it through its environment, which only its own user and root can read, never its arguments.
 */
final class OutputMasker {

    private static final String PREFIX = "SLIPWAY_MASK_";
    // Literal replacement (index/substr, no regular expressions), in the order given: longest first.
    private static final String PROGRAM = "BEGIN { n = 0; for (k in ENVIRON) if (index(k, \"" + PREFIX + "\") == 1) {"
            + " m[substr(k, " + (PREFIX.length() + 1) + ") + 0] = ENVIRON[k]; n++ } }"
            + " { s = $0; for (i = 1; i <= n; i++) { o = \"\"; while ((p = index(s, m[i])) > 0) {"
            + " o = o substr(s, 1, p - 1) \"" + SecretMask.MASK + "\"; s = substr(s, p + length(m[i])) } s = o s }"
            + " print s; fflush() }";

    private OutputMasker() {
    }

    /** mawk (Debian's awk) reads a pipe in blocks unless told to be interactive: lines would arrive late. */
    static List<String> command() {
        return Files.isExecutable(Path.of("/usr/bin/mawk")) ? List.of("/usr/bin/mawk", "-W", "interactive", PROGRAM)
                : List.of("awk", PROGRAM);
    }

    static Map<String, String> environment(SecretMask mask) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/bin:/bin");
        for (int i = 0; i < mask.needles().size(); i++) {
            env.put(PREFIX + (i + 1), mask.needles().get(i));
        }
        return env;
    }
}
