package dev.slipway.plugins.hook;

import dev.slipway.api.Commands;
import dev.slipway.api.DeploymentInfo;
import dev.slipway.api.HookContext;
import dev.slipway.api.HookPoints;
import dev.slipway.api.LifecycleHook;
import dev.slipway.api.Setting;
import dev.slipway.api.StageException;
import dev.slipway.api.config.AppConfig;
import dev.slipway.api.StageLog;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/**
 * Runs the command an app's {@code [hooks]} section gives for a hook point, in the release's
 * tree with the app's environment, as its web process would run: {@code /bin/sh -c <command>}.
 * At pre_deploy it then runs the release phase ({@link AppConfig#releaseCommand()}). The command is
 * the app author's own command line; nothing from elsewhere is put into it.
 */
public final class CommandHook implements LifecycleHook {

    static final long DEFAULT_TIMEOUT_SECONDS = 300;
    /** Lines of the release phase's output its failure repeats: the error is usually among them. */
    private static final int LAST_LINES = 5;

    @Override
    public String name() {
        return "command";
    }

    @Override
    public List<Setting> settings() {
        return List.of(new Setting("timeout", Setting.Type.INTEGER, Long.toString(DEFAULT_TIMEOUT_SECONDS),
                "seconds one hook command may run"));
    }

    @Override
    public List<String> points() {
        return HookPoints.OF_APP_CONFIG;
    }

    @Override
    public boolean accept(String point, AppConfig config) {
        return config.hasHookCommand(point);
    }

    @Override
    public void run(String point, HookContext context) throws StageException {
        AppConfig config = context.appConfig();
        if (!config.hasHookCommand(point)) {
            throw new StageException("slipway.toml has no [hooks] " + point + " command to run");
        }
        Map<String, String> env = context.artifact().runtimeEnv(context.env());
        DeploymentInfo release = context.release();
        if (!release.isStatic() && release.upstreamPort() > 0) {
            // Lets the hook talk to the release it runs beside, e.g. to warm it up; a release to be has no port yet.
            env.put("PORT", Integer.toString(release.upstreamPort()));
        }
        String command = config.hooks().get(point);
        if (command != null) {
            context.log().line(point + ": " + command);
            run(command, env, context.log(), context);
        }
        if (point.equals(HookPoints.PRE_DEPLOY) && config.releaseCommand().isPresent()) {
            releasePhase(config.releaseCommand().get(), env, context);
        }
    }

    /** Heroku's release phase: once, before the release starts; its failure keeps the release from starting. */
    private static void releasePhase(String command, Map<String, String> env, HookContext context)
            throws StageException {
        context.log().line("release phase: " + command);
        Deque<String> last = new ArrayDeque<>();
        StageLog log = line -> {
            context.log().line(line);
            if (last.size() == LAST_LINES) {
                last.removeFirst();
            }
            last.addLast(line);
        };
        try {
            run(command, env, log, context);
        } catch (StageException e) {
            throw new StageException("the release phase failed, so the release was not started: " + e.getMessage()
                    + (last.isEmpty() ? "" : "; its last lines: " + String.join(" | ", last)), e);
        }
    }

    private static void run(String command, Map<String, String> env, StageLog log, HookContext context)
            throws StageException {
        Commands.run(context.sandbox(), List.of("/bin/sh", "-c", command), context.artifact().root(), env, log,
                timeout(context));
    }

    private static Duration timeout(HookContext context) throws StageException {
        String value = context.config().getOrDefault("timeout", Long.toString(DEFAULT_TIMEOUT_SECONDS));
        try {
            long seconds = Long.parseLong(value);
            if (seconds > 0) {
                return Duration.ofSeconds(seconds);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new StageException("hook setting timeout=\"" + value + "\" is not a positive number of seconds");
    }
}
