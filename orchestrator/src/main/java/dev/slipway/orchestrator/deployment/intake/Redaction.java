package dev.slipway.orchestrator.deployment.intake;

import java.util.regex.Pattern;

/**
 * Takes credentials out of git URLs, and out of any text that may quote one (git's own messages):
 * the user-info before {@code @} in {@code scheme://user:token@host/…}, whatever the host looks
 * like (java.net.URI gives up on hosts with underscores and would leave it in), and the values of
 * query parameters such as GitLab's {@code ?private_token=}. Text only: it never parses a URL.
 */
public final class Redaction {

    /** The user-info of a URL: everything from the scheme to the last '@' before the path. */
    private static final Pattern USER_INFO = Pattern.compile("(?i)\\b([a-z][a-z0-9+.-]*://)[^/\\s?#]*@");
    /** A query parameter's value. */
    private static final Pattern QUERY_VALUE = Pattern.compile("([?&][^=&#\\s'\"]+=)[^&#\\s'\"]+");

    private Redaction() {
    }

    /** {@code text} with every URL's credentials replaced; safe on any input, null included. */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        String withoutUsers = USER_INFO.matcher(text).replaceAll("$1");
        return QUERY_VALUE.matcher(withoutUsers).replaceAll("$1***");
    }
}
