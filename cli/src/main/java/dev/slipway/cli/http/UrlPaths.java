package dev.slipway.cli.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Builds API paths from user input without letting it change the path's shape. */
public final class UrlPaths {

    private UrlPaths() {
    }

    /** {@code value} percent-encoded as one path segment: no {@code /}, {@code ?} or {@code ..} effect. */
    public static String segment(String value) {
        String encoded = URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
        return encoded.equals(".") || encoded.equals("..") ? encoded.replace(".", "%2E") : encoded;
    }
}
