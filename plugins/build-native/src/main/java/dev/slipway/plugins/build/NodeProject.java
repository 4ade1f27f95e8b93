package dev.slipway.plugins.build;

import dev.slipway.api.BuildContext;
import dev.slipway.api.StageException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the build needs to know of a Node project, as the app's own node reads it: node's version,
 * whether {@code package.json} has a {@code build} script, and the key of the {@code node_modules}
 * {@code npm ci} would install, or why a copied {@code node_modules} could differ from what it
 * installs. This plugin has no JSON parser, and the host should not read the app's files anyway
 * ({@link Probe}).
 */
record NodeProject(String nodeVersion, BuildScript buildScript, Optional<String> cacheKey, List<String> notCached) {

    enum BuildScript { PRESENT, ABSENT, UNKNOWN }

    /** Why node_modules are not copied, by the code the question prints. */
    static final Map<String, String> NOT_CACHED = Map.of(
            "install-script", "package.json has an install script (npm ci runs it, a copy would not)",
            "workspaces", "package.json has workspaces (npm links them into node_modules)",
            "shrinkwrap", "there is an npm-shrinkwrap.json (npm ci installs it, not package-lock.json)",
            "binding-gyp", "there is a binding.gyp (npm ci builds it)",
            "dependency-install-script", "a dependency has an install script (npm ci runs it, a copy would not)",
            "linked-package", "package-lock.json links a local package (its files can change without the lock file)",
            "old-lock", "package-lock.json is of lockfileVersion 1, which does not record install scripts",
            "unreadable", "package.json or package-lock.json is not JSON npm can read");

    /**
     * Everything that changes the tree {@code npm ci} installs goes into the key: node's and npm's
     * versions, package.json (npm ci checks the lock file against it), the lock file, the project's
     * and the user's .npmrc, and every npm_config_ variable (npm reads them in any case) and NODE_ENV.
     * npm's version is read from its own package.json next to the npm on the PATH: running it would
     * take longer than the copy saves.
     */
    private static final String QUESTION = String.join("\n",
            "const fs = require('fs'), path = require('path'), crypto = require('crypto');",
            "const read = f => { try { return fs.readFileSync(f); } catch (e) { return null; } };",
            "const json = b => { try { return JSON.parse(b.toString('utf8')); } catch (e) { return null; } };",
            "console.log('node ' + process.version);",
            "let npm = null;",
            "for (const dir of (process.env.PATH || '').split(path.delimiter)) {",
            "  try { npm = json(fs.readFileSync(path.join(path.dirname(fs.realpathSync(path.join(dir, 'npm'))),"
                    + " '..', 'package.json'))).version; break; } catch (e) {}",
            "}",
            "const pkgText = read('package.json'), lockText = read('package-lock.json');",
            "const pkg = pkgText && json(pkgText), lock = lockText && json(lockText);",
            "const scripts = (pkg && pkg.scripts) || {};",
            "console.log(typeof scripts.build === 'string' ? 'build-script' : 'no-build-script');",
            "const not = [];",
            "if (!pkg || !lock) not.push('unreadable');",
            "if (['preinstall', 'install', 'postinstall', 'prepublish', 'preprepare', 'prepare', 'postprepare']"
                    + ".some(s => scripts[s])) not.push('install-script');",
            "if (pkg && pkg.workspaces) not.push('workspaces');",
            "if (fs.existsSync('npm-shrinkwrap.json')) not.push('shrinkwrap');",
            "if (fs.existsSync('binding.gyp')) not.push('binding-gyp');",
            "if (lock && !lock.packages) not.push('old-lock');",
            "const deps = Object.values((lock && lock.packages) || {});",
            "if (deps.some(p => p && p.hasInstallScript)) not.push('dependency-install-script');",
            "if (deps.some(p => p && p.link)) not.push('linked-package');",
            "for (const n of not) console.log('not-cached ' + n);",
            "if (not.length === 0 && npm) {",
            "  const h = crypto.createHash('sha256');",
            "  const add = v => h.update(String(v === null || v === undefined ? '' : v)).update('\\0');",
            "  add(process.version); add(npm); add(pkgText); add(lockText); add(read('.npmrc'));",
            "  add(read(process.env.npm_config_userconfig || process.env.NPM_CONFIG_USERCONFIG"
                    + " || path.join(process.env.HOME || '/nonexistent', '.npmrc')));",
            "  for (const k of Object.keys(process.env).filter(k => /^npm_config_/i.test(k) || k === 'NODE_ENV').sort())"
                    + " add(k + '=' + process.env[k]);",
            "  console.log('key ' + h.digest('hex'));",
            "}",
            "console.log('end');");
    private static final Pattern VERSION = Pattern.compile("v\\d{1,4}\\.\\d{1,4}\\.\\d{1,4}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    static NodeProject of(BuildContext context, Path root) throws StageException {
        return parse(Probe.ask(context, "what the build needs of package.json", List.of("node", "-e", QUESTION), root));
    }

    /**
     * An answer that is not what the question asks for counts as no answer: nothing is cached then,
     * and whether there is a build script is left to npm. One without its last line was cut short.
     */
    static NodeProject parse(List<String> answer) {
        boolean complete = !answer.isEmpty() && answer.get(answer.size() - 1).equals("end");
        String version = "unknown";
        BuildScript build = BuildScript.UNKNOWN;
        String key = null;
        List<String> notCached = new ArrayList<>();
        for (String line : complete ? answer : List.<String>of()) {
            if (line.startsWith("node ") && VERSION.matcher(line.substring(5)).matches()) {
                version = line.substring(5);
            } else if (line.equals("build-script") || line.equals("no-build-script")) {
                build = line.equals("build-script") ? BuildScript.PRESENT : BuildScript.ABSENT;
            } else if (line.startsWith("key ") && SHA256.matcher(line.substring(4)).matches()) {
                key = line.substring(4);
            } else if (line.startsWith("not-cached ")) {
                notCached.add(NOT_CACHED.getOrDefault(line.substring(11), "node said so"));
            }
        }
        if (!complete) {
            notCached.add("node's answer about the tree was cut short");
        } else if (key == null && notCached.isEmpty()) {
            notCached.add("npm's version could not be told from the npm on the PATH");
        }
        return new NodeProject(version, build, Optional.ofNullable(key).filter(k -> notCached.isEmpty()),
                List.copyOf(notCached));
    }

    /** How to run the build script: npm itself tells when the answer did not say whether there is one. */
    Optional<List<String>> buildCommand() {
        return switch (buildScript) {
            case PRESENT -> Optional.of(List.of("npm", "run", "build"));
            case UNKNOWN -> Optional.of(List.of("npm", "run", "build", "--if-present"));
            case ABSENT -> Optional.empty();
        };
    }
}
