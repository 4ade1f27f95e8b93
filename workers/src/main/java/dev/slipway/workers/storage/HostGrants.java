package dev.slipway.workers.storage;

import dev.slipway.workers.plugin.HostAccess;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Host services for executable plugins: each call gets a fresh random bearer token, valid while
 * that call runs and for that plugin (and deployment) alone, and the URL of this worker's
 * {@code /host} routes ({@link HostResource}). Tokens are kept by their SHA-256 only: the table never
 * holds the secret, and a lookup never compares it character by character.
 */
@ApplicationScoped
public class HostGrants implements HostAccess {

    public static final String URL_VARIABLE = "SLIPWAY_HOST_URL";
    public static final String TOKEN_VARIABLE = "SLIPWAY_HOST_TOKEN";

    /** Whom a valid token acts for. */
    public record Caller(String plugin, UUID deploymentId) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, Caller> live = new ConcurrentHashMap<>();
    private final String url;

    public HostGrants(@ConfigProperty(name = "quarkus.http.port") int port) {
        // The workers listen on loopback (bin/slipway); a plugin runs on this machine.
        this.url = "http://127.0.0.1:" + port + "/host";
    }

    @Override
    public Grant open(String plugin, UUID deploymentId) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        String id = digest(token);
        live.put(id, new Caller(plugin, deploymentId));
        Map<String, String> env = Map.of(URL_VARIABLE, url, TOKEN_VARIABLE, token);
        return new Grant() {
            @Override
            public Map<String, String> env() {
                return env;
            }

            @Override
            public void close() {
                live.remove(id);
            }
        };
    }

    /** Whom an {@code Authorization} header's bearer token acts for, while its call runs. */
    public Optional<Caller> caller(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return Optional.empty();
        }
        return Optional.ofNullable(live.get(digest(authorization.substring("Bearer ".length()).strip())));
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
