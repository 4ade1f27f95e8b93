package dev.slipway.workers.plugin;

/**
 * The executable plugin protocol, {@code docs/plugin-protocol.md}: its version, operations and exit
 * codes. A plugin names the protocol version it speaks in its {@code info} answer; the host runs it
 * when the major versions are the same and the plugin's minor version is not newer than the host's.
 */
final class PluginProtocol {

    static final String VERSION = "1.0";
    /** An executable plugin's file name: this, then the plugin's name. */
    static final String PREFIX = "slipway-plugin-";

    static final String INFO = "info";
    static final String ACCEPT = "accept";
    static final String BUILD = "build";
    static final String DEPLOY = "deploy";
    static final String STOP = "stop";
    static final String HOOK = "hook";
    static final String HTTP = "http";

    static final int DONE = 0;
    /** For {@code accept}: this strategy has nothing to do with what it was shown. */
    static final int NOT_APPLICABLE = 100;

    private PluginProtocol() {
    }

    /** Why a plugin that speaks {@code declared} cannot be run by this host, or {@code null} if it can. */
    static String problem(Object declared) {
        String supported = "this Slipway supports protocol 1.0 to " + VERSION;
        if (!(declared instanceof String text) || !text.matches("\\d{1,4}\\.\\d{1,4}")) {
            return "names no protocol version as \"major.minor\" in its info answer (\"protocol\": \"" + VERSION
                    + "\"); " + supported;
        }
        String[] parts = text.split("\\.");
        String[] host = VERSION.split("\\.");
        if (Integer.parseInt(parts[0]) != Integer.parseInt(host[0])
                || Integer.parseInt(parts[1]) > Integer.parseInt(host[1])) {
            return "speaks protocol " + text + "; " + supported;
        }
        return null;
    }
}
