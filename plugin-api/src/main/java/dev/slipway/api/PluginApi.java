package dev.slipway.api;

/**
 * The version of this plugin API. A Java plugin names the version it was built for in its jar's
 * manifest ({@code Slipway-Plugin-Api: 1.0}); the host loads it when the major versions are the
 * same and the plugin's minor version is not newer than the host's, and refuses it otherwise.
 */
public final class PluginApi {

    /** The version this {@code plugin-api} is: {@code major.minor}. */
    public static final String VERSION = "1.0";

    /** The jar manifest attribute in which a Java plugin names the API version it targets. */
    public static final String MANIFEST_ATTRIBUTE = "Slipway-Plugin-Api";

    private PluginApi() {
    }

    /** Why a plugin built for {@code declared} cannot run on this API, or {@code null} if it can. */
    public static String problem(String declared) {
        String supported = "this Slipway supports plugin API " + major(VERSION) + ".0 to " + VERSION;
        if (declared == null || declared.isBlank()) {
            return "names no plugin API version (" + MANIFEST_ATTRIBUTE + " in its manifest); " + supported;
        }
        String[] parts = declared.strip().split("\\.");
        if (parts.length != 2 || !parts[0].matches("\\d{1,4}") || !parts[1].matches("\\d{1,4}")) {
            return "names plugin API version \"" + declared.strip() + "\", which is not major.minor; " + supported;
        }
        int major = Integer.parseInt(parts[0]);
        int minor = Integer.parseInt(parts[1]);
        if (major != major(VERSION) || minor > minor(VERSION)) {
            return "targets plugin API " + declared.strip() + "; " + supported;
        }
        return null;
    }

    private static int major(String version) {
        return Integer.parseInt(version.substring(0, version.indexOf('.')));
    }

    private static int minor(String version) {
        return Integer.parseInt(version.substring(version.indexOf('.') + 1));
    }
}
