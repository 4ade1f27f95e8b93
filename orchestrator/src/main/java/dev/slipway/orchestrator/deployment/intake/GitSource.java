package dev.slipway.orchestrator.deployment.intake;

import dev.slipway.archive.SourceArchive;
import dev.slipway.orchestrator.SlipwayConfig;
import dev.slipway.orchestrator.Refused;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Fetches a deployment's source from a git repository into a .tar.gz, which then goes through the
 * same intake as an upload. Git runs with an argument array and only the protocols the operator
 * allows ({@code GIT_ALLOW_PROTOCOL}): {@code ext::} and friends would run commands. It reads no
 * configuration but its command line (no system or global file, a throwaway HOME): a service's
 * credential helpers, URL rewrites or hooks must not apply to a user's URL. The clone is stopped
 * past {@code slipway.git.max-bytes}. Credentials in the URL never appear in a message. Blocking.
 */
@ApplicationScoped
public class GitSource {

    /** Body of a deployment request from git; {@code ref} absent = the default branch. */
    public record Request(String git, String ref) {
    }

    private static final Pattern REF = Pattern.compile("[A-Za-z0-9._][A-Za-z0-9._/-]{0,199}");
    private static final Duration CLONE_TIMEOUT = Duration.ofMinutes(5);
    /** What git needs from the orchestrator's own environment: tools, CA bundles, proxies. Not HOME. */
    private static final Set<String> PASSED = Set.of("PATH", "LANG", "GIT_SSL_CAINFO", "SSL_CERT_FILE", "SSL_CERT_DIR",
            "CURL_CA_BUNDLE", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "http_proxy", "https_proxy", "no_proxy");

    private final List<String> protocols;
    private final long maxBytes;

    @Inject
    public GitSource(SlipwayConfig config) {
        this(config.git().protocols(), config.git().maxBytes());
    }

    GitSource(List<String> protocols, long maxBytes) {
        this.protocols = List.copyOf(protocols);
        this.maxBytes = maxBytes;
    }

    /** Clones {@code request} and packs it; the caller deletes the returned archive. */
    public Path fetch(Request request) {
        URI url = check(request);
        String shown = Redaction.redact(request.git());
        Path work = null;
        try {
            work = Files.createTempDirectory("slipway-git-");
            Path tree = work.resolve("tree");
            Path home = Files.createDirectory(work.resolve("home"));
            List<String> clone = new ArrayList<>(List.of("git", "-c", "protocol.ext.allow=never", "clone", "--quiet",
                    "--depth", "1"));
            if (request.ref() != null) {
                clone.addAll(List.of("--branch", request.ref()));
            }
            clone.addAll(List.of("--", url.toString(), tree.toString()));
            try {
                GitClone.run(clone, work, environment(home), tree, maxBytes, CLONE_TIMEOUT);
            } catch (GitClone.Failed e) {
                throw Refused.invalid("git clone of " + shown + " failed: " + (e.tooLarge ? e.getMessage()
                        : Redaction.redact(String.join(" ", e.output.subList(Math.max(0, e.output.size() - 3),
                                e.output.size())).strip()) + (e.output.isEmpty() ? e.getMessage() : "")));
            }
            Path archive = Files.createTempFile("slipway-git-", ".tar.gz");
            try (OutputStream out = Files.newOutputStream(archive)) {
                SourceArchive.create(tree, out, SourceArchive.DEFAULT_EXCLUDES);
            }
            return archive;
        } catch (IOException e) {
            throw new IllegalStateException("cannot fetch " + shown + ": " + Redaction.redact(e.getMessage()), e);
        } finally {
            deleteTree(work);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            for (Path p : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clean up " + dir, e);
        }
    }

    /** The source as it may be shown: credentials in the URL are dropped. Safe on any input. */
    public static String describe(Request request) {
        if (request == null || request.git() == null) {
            return "git";
        }
        String where;
        try {
            new URI(request.git());
            where = Redaction.redact(request.git());
        } catch (URISyntaxException e) {
            where = "(not a URL)";
        }
        return "git " + where + (request.ref() == null ? "" : " " + request.ref());
    }

    private URI check(Request request) {
        if (request == null || request.git() == null || request.git().isBlank()) {
            throw Refused.invalid("a git source needs {\"git\": URL, \"ref\": BRANCH or TAG}");
        }
        URI url;
        try {
            url = new URI(request.git());
        } catch (URISyntaxException e) {
            throw Refused.invalid("git URL is not a URL: " + Redaction.redact(e.getMessage()));
        }
        if (url.getScheme() == null || !protocols.contains(url.getScheme().toLowerCase())) {
            throw Refused.invalid("git URL scheme \"" + (url.getScheme() == null ? "" : url.getScheme())
                    + "\" is not allowed; allowed: " + String.join(", ", protocols) + " (slipway.git.protocols)");
        }
        if (request.ref() != null && (!REF.matcher(request.ref()).matches() || request.ref().contains(".."))) {
            throw Refused.invalid("git ref \"" + request.ref() + "\" is not a branch or tag name");
        }
        return url;
    }

    /** Only what git needs, and no configuration but the command line's. */
    static Map<String, String> environment(Map<String, String> from, Path home, List<String> protocols) {
        Map<String, String> env = new HashMap<>();
        from.forEach((key, value) -> {
            if (PASSED.contains(key)) {
                env.put(key, value);
            }
        });
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.toString());
        env.put("GIT_CONFIG_NOSYSTEM", "1");
        env.put("GIT_CONFIG_GLOBAL", "/dev/null");
        env.put("GIT_ALLOW_PROTOCOL", String.join(":", protocols));
        env.put("GIT_TERMINAL_PROMPT", "0");
        // Never prompt for an ssh password or passphrase: there is nobody to answer.
        env.put("GIT_SSH_COMMAND", "ssh -o BatchMode=yes");
        return env;
    }

    private Map<String, String> environment(Path home) {
        return environment(System.getenv(), home, protocols);
    }
}
