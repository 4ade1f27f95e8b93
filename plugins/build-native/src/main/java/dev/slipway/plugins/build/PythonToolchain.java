package dev.slipway.plugins.build;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.BuildContext;
import dev.slipway.api.LanguageToolchain;
import dev.slipway.api.SourceTree;
import dev.slipway.api.StageException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Python: a virtual environment in {@code .venv} inside the tree, so the artifact carries its own
 * dependencies and never touches the host's Python packages.
 */
public final class PythonToolchain implements LanguageToolchain {

    static final String VENV = ".venv";

    @Override
    public String name() {
        return "python";
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
        context.run(List.of("python3", "-m", "venv", VENV), root, timeout);
        String pip = venv.resolve("bin/pip").toString();
        if (context.source().has("requirements.txt")) {
            RegistryErrors.run(context, List.of(pip, "install", "--no-input", "-r", "requirements.txt"), root, timeout,
                    RegistryErrors.PIP);
        } else {
            RegistryErrors.run(context, List.of(pip, "install", "--no-input", "."), root, timeout, RegistryErrors.PIP);
        }
        // No web default without app.py: the deployer then says how to name one.
        Map<String, String> defaults = context.source().has("app.py") ? Map.of("web", "python app.py") : Map.of();
        return Toolchains.process(context, name(), defaults, Map.of("VIRTUAL_ENV", venv.toString()),
                List.of(VENV + "/bin"));
    }
}
