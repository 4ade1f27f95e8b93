package dev.slipway.orchestrator.config;

import dev.slipway.api.config.AppConfig;
import dev.slipway.orchestrator.Refused;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * What an app's {@code app.json} declares of its config vars, applied when new code is deployed:
 * a required variable the app does not have refuses the deployment before anything is recorded,
 * and a generated one the app does not have yet is made once (as Heroku's {@code generator: secret},
 * 32 random bytes in hex) and kept sealed like any other config var.
 */
@ApplicationScoped
public class DeclaredEnv {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Secrets secrets;

    public DeclaredEnv(Secrets secrets) {
        this.secrets = secrets;
    }

    /** The app's vars after applying {@code config}'s declarations to {@code current}, by key. */
    public Uni<List<ConfigVar>> apply(Mutiny.Session session, String app, AppConfig config, List<ConfigVar> current,
                                      Instant now) {
        AppConfig.Declared declared = config.declared();
        Set<String> have = current.stream().map(v -> v.key).collect(Collectors.toSet());
        Set<String> missing = new TreeSet<>(declared.requiredEnv());
        missing.removeAll(have);
        missing.removeAll(config.env().keySet());
        if (!missing.isEmpty()) {
            return Uni.createFrom().failure(Refused.invalid("app.json requires the config var"
                    + (missing.size() == 1 ? " " : "s ") + String.join(", ", missing) + ", which the app does not have:"
                    + " set " + (missing.size() == 1 ? "it" : "them") + " with slip config " + app + " "
                    + missing.stream().map(k -> k + "=…").collect(Collectors.joining(" ")) + ", then deploy again"));
        }
        List<ConfigVar> vars = new ArrayList<>(current);
        Uni<Void> done = Uni.createFrom().voidItem();
        for (String key : new TreeSet<>(declared.generatedEnv())) {
            if (have.contains(key)) {
                continue;
            }
            ConfigVar var = new ConfigVar();
            var.app = app;
            var.key = key;
            var.sealed = secrets.seal(app, key, generated());
            var.updatedAt = now;
            vars.add(var);
            done = done.call(() -> session.persist(var));
        }
        vars.sort(Comparator.comparing(v -> v.key));
        return done.replaceWith(vars);
    }

    private static String generated() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
