package dev.slipway.cli;

/** Text from the server as it may reach the user's terminal: an app's output must not steer it. */
public final class Terminal {

    private Terminal() {
    }

    /** {@code text} with control characters (escape sequences among them) shown as {@code \u001b}; tabs kept. */
    public static String safe(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (c != '\t' && (Character.isISOControl(c) || c == 0x2028 || c == 0x2029)) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.toString();
    }
}
