package dev.slipway.plugins.build;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.BuildContext;
import dev.slipway.api.LanguageToolchain;
import dev.slipway.api.SourceTree;
import dev.slipway.api.StageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Python: a virtual environment in {@code .venv} inside the tree, so the artifact carries its own
 * dependencies and never touches the host's Python packages.
 */
public final class PythonToolchain implements LanguageToolchain {

    static final String VENV = ".venv";
    /**
     * Whether this python has pip of its own to install into the venv from outside ({@code pip --python},
     * pip 22.3 and later), and whether requirements.txt names anything: a line that is not blank or a
     * comment. An answer without its last line is taken to say there is something to install.
     */
    private static final String QUESTION = String.join("\n",
            "try:",
            "    import pip",
            "    if tuple(int(p) for p in pip.__version__.split('.')[:2]) >= (22, 3):",
            "        print('pip')",
            "except Exception:",
            "    pass",
            "try:",
            "    with open('requirements.txt', encoding='utf-8', errors='replace') as f:",
            "        if any(l.strip() and not l.strip().startswith('#') for l in f):",
            "            print('requirements')",
            "except OSError:",
            "    pass",
            "print('end')");

    @Override
    public String name() {
        return "python";
    }

    @Override
    public List<String> programs() {
        return List.of("python3");
    }

    @Override
    public int priority() {
        return 20;
    }

    @Override
    public boolean accept(SourceTree source) {
        return source.has("requirements.txt") || source.has("pyproject.toml");
    }

    @Override
    public BuildArtifact build(BuildContext context) throws StageException {
        Path root = context.source().root();
        Duration timeout = Toolchains.timeout(context);
        Path venv = root.resolve(VENV).toAbsolutePath();
        List<String> answer = Probe.ask(context, "whether it has pip and what requirements.txt names",
                List.of("python3", "-c", QUESTION), root);
        boolean hostPip = answer.contains("pip");
        // Without pip the venv takes a tenth of the time: ensurepip copies and installs pip in every build.
        context.run(hostPip ? List.of("python3", "-m", "venv", "--without-pip", VENV) : List.of("python3", "-m", "venv", VENV),
                root, timeout);
        List<String> pip = hostPip
                ? List.of("python3", "-m", "pip", "--python", venv.resolve("bin/python").toString())
                : List.of(venv.resolve("bin/pip").toString());
        if (!context.source().has("requirements.txt")) {
            install(context, pip, List.of("."), root, timeout);
        } else if (answer.contains("requirements") || !answer.contains("end")) {
            install(context, pip, List.of("-r", "requirements.txt"), root, timeout);
        } else {
            context.log().line("requirements.txt names no package: nothing to install");
        }
        // No web default without app.py: the deployer then says how to name one.
        Map<String, String> defaults = context.source().has("app.py") ? Map.of("web", "python app.py") : Map.of();
        return Toolchains.process(context, name(), defaults, Map.of("VIRTUAL_ENV", venv.toString()),
                List.of(VENV + "/bin"));
    }

    private static void install(BuildContext context, List<String> pip, List<String> what, Path root, Duration timeout)
            throws StageException {
        List<String> command = new ArrayList<>(pip);
        command.addAll(List.of("install", "--no-input"));
        command.addAll(what);
        RegistryErrors.run(context, command, root, timeout, RegistryErrors.PIP);
    }
}
