package dev.slipway.bench.noop;

import dev.slipway.api.BuildArtifact;
import dev.slipway.api.BuildContext;
import dev.slipway.api.Builder;
import dev.slipway.api.Setting;
import dev.slipway.api.SourceTree;
import dev.slipway.api.StageException;
import java.util.List;
import java.util.Map;

/**
 * A build that only waits {@code slipway.plugins.noop.build-ms} (0 by default), or what the app's
 * {@code NOOP_BUILD_MS} says, and hands over the unpacked tree as a {@code noop} artifact: it stands
 * for a build's own work, so what is left of a deployment's time is the engine's.
 */
public class NoopBuilder implements Builder {

    /** The artifact kind only {@link NoopDeployer} accepts. */
    static final String KIND = "noop";
    /** The app's own wait, from its {@code [env]}: one app of the benchmark's can build for long. */
    static final String APP_BUILD_MS = "NOOP_BUILD_MS";
    static final Setting BUILD_MS = new Setting("build-ms", Setting.Type.INTEGER, "0",
            "how long each build waits, in milliseconds (the benchmark's stand-in for real build work)");

    @Override
    public String name() {
        return "noop";
    }

    @Override
    public List<Setting> settings() {
        return List.of(BUILD_MS);
    }

    /** Never auto-detected: only an app whose slipway.toml names it is built by it. */
    @Override
    public boolean accept(SourceTree source) {
        return false;
    }

    @Override
    public BuildArtifact build(BuildContext context) throws StageException {
        String app = context.env().get(APP_BUILD_MS);
        String where = app != null ? "the app's " + APP_BUILD_MS : "slipway.plugins.noop.build-ms";
        long millis;
        try {
            millis = Long.parseLong((app != null ? app : context.config().getOrDefault(BUILD_MS.key(),
                    BUILD_MS.defaultValue())).strip());
        } catch (NumberFormatException e) {
            throw new StageException("noop: " + where + " is not a whole number of milliseconds");
        }
        if (millis < 0) {
            throw new StageException("noop: " + where + " is " + millis + "; it must be 0 or more");
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StageException("noop: the build was interrupted");
        }
        return new BuildArtifact(KIND, context.workDir(), Map.of(), Map.of(), List.of(), name(), "noop");
    }
}
