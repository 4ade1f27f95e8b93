package dev.slipway.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;

/**
 * Where the API is and how to authenticate, from the environment.
 *
 * @param url   {@code SLIPWAY_URL}, without a trailing slash
 * @param token {@code SLIPWAY_TOKEN}, or {@code null} to send no {@code Authorization}
 */
public record Config(URI url, String token) {

    public static final String DEFAULT_URL = "http://127.0.0.1:7070";

    /** Thrown for a setting that cannot work; the message says which and why. */
    public static final class Invalid extends RuntimeException {
        Invalid(String message) {
            super(message);
        }
    }

    public static Config fromEnv(Map<String, String> env) {
        String url = env.getOrDefault("SLIPWAY_URL", "").strip();
        if (url.isEmpty()) {
            url = DEFAULT_URL;
        }
        while (url.endsWith("/")) {
            url = url.substring(0, url.length() - 1);
        }
        String token = env.getOrDefault("SLIPWAY_TOKEN", "").strip();
        return new Config(parse(url), token.isEmpty() ? null : token);
    }

    private static URI parse(String url) {
        try {
            URI uri = new URI(url);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new Invalid("SLIPWAY_URL \"" + url + "\" is not an http(s) URL; e.g. " + DEFAULT_URL);
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new Invalid("SLIPWAY_URL \"" + url + "\" is not a URL (" + e.getReason() + "); e.g. " + DEFAULT_URL);
        }
    }
}
