package dev.slipway.workers.stage;

import dev.slipway.api.Sandbox;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The sandbox of a hook point outside any deployment (app_created, config_changed, app_destroyed):
 * there is no release to run beside and, once the app is deleted, no OS user to run as, so nothing
 * of the app's runs. Refusing keeps a hook from running it as the worker instead.
 */
record NoAppCode(String point) implements Sandbox {

    @Override
    public List<String> wrap(List<String> command) {
        throw refused();
    }

    @Override
    public Process start(List<String> command, Path dir, Map<String, String> env, Path logFile) {
        throw refused();
    }

    private UnsupportedOperationException refused() {
        return new UnsupportedOperationException("no app code runs at " + point + ": it is outside any release");
    }
}
