package com.example.recorder;

import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.HookContext;
import dev.slipway.api.HookPoints;
import dev.slipway.api.LifecycleHook;
import dev.slipway.api.Setting;
import dev.slipway.api.StageException;
import dev.slipway.api.config.AppConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * Subscribes to every hook point and writes one line per call, saying what its context held, to
 * the stage log and (with {@code slipway.plugins.recorder.dir} set) to {@code <dir>/<app>.log}.
 * An app whose {@code [env]} sets {@code RECORDER_FAIL_AT} to a point makes it fail there, to see
 * what a failing subscriber does at a point that vetoes and at one that does not.
 */
public class HookRecorder implements LifecycleHook {

    static final String FAIL_AT = "RECORDER_FAIL_AT";

    @Override
    public String name() {
        return "recorder";
    }

    @Override
    public List<Setting> settings() {
        return List.of(new Setting("dir", Setting.Type.PATH, null, "directory to append each app's calls to"));
    }

    @Override
    public List<String> points() {
        return HookPoints.ALL;
    }

    @Override
    public boolean accept(String point, AppConfig config) {
        return true;
    }

    @Override
    public void run(String point, HookContext context) throws StageException {
        String line = describe(point, context);
        context.log().line("recorder: " + line);
        String dir = context.config().get("dir");
        if (dir != null) {
            try {
                Files.createDirectories(Path.of(dir));
                Files.writeString(Path.of(dir, context.app() + ".log"), line + "\n", StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new StageException("recorder: cannot write to " + dir + ": " + e.getMessage());
            }
        }
        if (point.equals(context.appConfig().env().get(FAIL_AT))) {
            throw new StageException("recorder: told to fail at " + point);
        }
    }

    /** {@code point=… deployment=… release=… port=… pending=… artifact=… changed=… env=… sealed=…}, "-" for none. */
    static String describe(String point, HookContext context) {
        DeploymentInfo release = context.release();
        return "point=" + point
                + " deployment=" + context.deploymentId()
                + " release=" + (release == null ? "-" : release.releaseId())
                + " port=" + (release == null || release.isStatic() ? "-" : release.upstreamPort())
                + " pending=" + (release == null ? "-" : release.attributes().getOrDefault("pending", "false"))
                + " artifact=" + (context.artifact() == null ? "-" : context.artifact().kind())
                + " changed=" + (context.changedKeys().isEmpty() ? "-" : String.join(",", context.changedKeys()))
                + " env=" + context.env().size()
                + " sealed=" + context.appConfig().sealedEnv().size();
    }
}
