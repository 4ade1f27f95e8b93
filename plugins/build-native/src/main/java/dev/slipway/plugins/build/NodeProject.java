package dev.slipway.plugins.build;

import dev.slipway.api.BuildContext;
import dev.slipway.api.StageException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the build needs to know of a Node project, as the app's own node reads it: node's version,
 * the hash of {@code package-lock.json}, and the names of {@code package.json}'s scripts. This
 * plugin has no JSON parser, and the host should not read the app's files anyway ({@link Probe}).
 */
record NodeProject(String nodeVersion, Optional<String> lockHash, Set<String> scripts) {

    /** The scripts npm runs for the project itself during {@code npm ci}: they may write into the tree. */
    static final Set<String> INSTALL_SCRIPTS = Set.of("preinstall", "install", "postinstall", "prepublish",
            "preprepare", "prepare", "postprepare");

    private static final String QUESTION = String.join("\n",
            "const fs = require('fs'), crypto = require('crypto');",
            "console.log('node ' + process.version);",
            "try { console.log('lock ' + crypto.createHash('sha256').update(fs.readFileSync('package-lock.json'))"
                    + ".digest('hex')); } catch (e) {}",
            "try { for (const s of Object.keys(JSON.parse(fs.readFileSync('package.json', 'utf8')).scripts || {}))"
                    + " console.log('script ' + s); } catch (e) {}");
    private static final Pattern VERSION = Pattern.compile("v\\d{1,4}\\.\\d{1,4}\\.\\d{1,4}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    static NodeProject of(BuildContext context, Path root) throws StageException {
        return parse(Probe.ask(context, List.of("node", "-e", QUESTION), root));
    }

    /** An answer that is not what the question asks for counts as no answer: nothing is cached then. */
    static NodeProject parse(List<String> answer) {
        String version = null;
        String lock = null;
        Set<String> scripts = new LinkedHashSet<>();
        for (String line : answer) {
            if (line.startsWith("node ") && version == null) {
                version = line.substring(5);
            } else if (line.startsWith("lock ") && lock == null) {
                lock = line.substring(5);
            } else if (line.startsWith("script ")) {
                scripts.add(line.substring(7));
            }
        }
        boolean known = version != null && VERSION.matcher(version).matches();
        return new NodeProject(known ? version : "unknown",
                Optional.ofNullable(lock).filter(l -> known && SHA256.matcher(l).matches()), Set.copyOf(scripts));
    }

    /** Whether {@code npm ci} would run a script of the project's own, which a copied node_modules would skip. */
    boolean runsInstallScripts() {
        return scripts.stream().anyMatch(INSTALL_SCRIPTS::contains);
    }
}
