package dev.slipway.plugins.build;

import dev.slipway.api.BuildContext;
import dev.slipway.api.Commands;
import dev.slipway.api.StageException;
import dev.slipway.api.StageLog;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Tells a package registry's passing trouble (a timeout, a dropped connection, a name that did not
 * resolve) from the app's own mistakes in what a package manager prints: an install that failed on
 * the former is retryable, the same install may well succeed a little later. Anything else (a
 * package that does not exist, a version that cannot be resolved, a script that fails) is not.
 */
final class RegistryErrors {

    /** npm's own error codes for the network (npm 7+ says "npm error", older "npm ERR!"). */
    static final Pattern NPM = Pattern.compile("npm (?:ERR!|error) (?:code (?:ETIMEDOUT|ESOCKETTIMEDOUT|ECONNRESET"
            + "|ECONNREFUSED|EAI_AGAIN|ENOTFOUND|ENETUNREACH|EHOSTUNREACH)\\b|network )");
    /** pip's (urllib3's) words for the same. */
    static final Pattern PIP = Pattern.compile("ReadTimeoutError|ConnectTimeoutError|NewConnectionError"
            + "|Temporary failure in name resolution|Connection reset by peer");
    /** Maven's: a transfer that failed, as against an artifact that is not there ("Could not find artifact"). */
    static final Pattern MAVEN = Pattern.compile("Could not transfer artifact|Connect(?:ion)? timed out"
            + "|Connection reset|UnknownHostException");
    /** Go's: a module proxy or VCS host that could not be dialled or timed out. */
    static final Pattern GO = Pattern.compile("dial tcp .*(?:i/o timeout|connection refused|no such host"
            + "|network is unreachable)|TLS handshake timeout|connection reset by peer");
    /** Bundler's (RubyGems'): a gem server that could not be reached. */
    static final Pattern BUNDLER = Pattern.compile("Could not fetch specs from|Net::OpenTimeout|Net::ReadTimeout"
            + "|Gem::RemoteFetcher::FetchError|Errno::ECONNREFUSED|Errno::ECONNRESET|Could not reach host");

    private RegistryErrors() {
    }

    /**
     * Runs an install command as {@link BuildContext#run} does; when it fails after printing a line
     * that {@code signs} finds, the failure is retryable and quotes that line.
     */
    static void run(BuildContext context, List<String> command, Path dir, Duration timeout, Pattern signs)
            throws StageException {
        run(context, command, dir, context.env(), timeout, signs);
    }

    /** As {@link #run(BuildContext, List, Path, Duration, Pattern)}, with {@code env} instead of the context's. */
    static void run(BuildContext context, List<String> command, Path dir, Map<String, String> env, Duration timeout,
                    Pattern signs) throws StageException {
        AtomicReference<String> seen = new AtomicReference<>();
        StageLog log = line -> {
            if (seen.get() == null && signs.matcher(line).find()) {
                seen.set(line.strip());
            }
            context.log().line(line);
        };
        try {
            Commands.run(context.sandbox(), command, dir, env, log, timeout);
        } catch (StageException e) {
            if (seen.get() == null) {
                throw e;
            }
            throw StageException.retryable(e.getMessage() + "; the package registry could not be reached (\""
                    + seen.get() + "\")", e);
        }
    }
}
