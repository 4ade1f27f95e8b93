package dev.slipway.archive;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.Attributes;
import java.util.jar.Manifest;

/**
 * A plugin as it is installed: one file of one of three kinds, checked before it goes anywhere.
 * A jar must be a zip whose manifest names the plugin API it targets ({@value #API_ATTRIBUTE});
 * a directory of jars travels as a zip of those jars, side by side, one of them naming the API;
 * an executable is any file named {@value #EXECUTABLE_PREFIX}{@code <name>}. Whether the named API
 * version is one a worker supports is the worker's to say: workers of several versions may run.
 */
public final class PluginPackage {

    /** The manifest attributes the workers' jar loader reads (plugin-api's PluginApi names the first too). */
    public static final String API_ATTRIBUTE = "Slipway-Plugin-Api";
    public static final String NAME_ATTRIBUTE = "Slipway-Plugin-Name";
    public static final String EXECUTABLE_PREFIX = "slipway-plugin-";
    /** Jars in one plugin directory: a plugin and its libraries, not a repository. */
    static final int MAX_JARS = 1_000;

    /** How a plugin is packed, and the entry of the plugins directory it becomes. */
    public enum Kind {
        JAR, DIR, EXECUTABLE;

        /** The word the API and the CLI use: {@code jar}, {@code dir}, {@code executable}. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The entry of a worker's plugins directory that plugin {@code name} of this kind is written as. */
        public String entryName(String name) {
            return switch (this) {
                case JAR -> name + ".jar";
                case DIR -> name;
                case EXECUTABLE -> EXECUTABLE_PREFIX + name;
            };
        }

        /** @throws ArchiveException naming the kinds there are, when {@code id} is none of them */
        public static Kind of(String id) throws ArchiveException {
            for (Kind kind : values()) {
                if (kind.id().equals(id)) {
                    return kind;
                }
            }
            throw new ArchiveException("plugin kind \"" + id + "\" is unknown; known: jar, dir, executable");
        }
    }

    /**
     * What the check found.
     *
     * @param declaredName      the plugin's {@value #NAME_ATTRIBUTE}, or {@code null} when it names none
     *                          (an executable is named by its file name)
     * @param sha256            of the file as given
     * @param announcedChecksum what a worker that loaded it will announce: of a directory, SHA-256 of
     *                          each jar's name and bytes in name order (the jar loader's rule), else {@code sha256}
     */
    public record Checked(Kind kind, String declaredName, String sha256, String announcedChecksum) {
    }

    private PluginPackage() {
    }

    /**
     * @param fileName         as the operator had it: an executable's must be {@value #EXECUTABLE_PREFIX}{@code <name>}
     * @param maxUnpackedBytes what the jars of a directory may come to once unpacked
     * @throws ArchiveException saying which rule the file broke, and where
     */
    public static Checked check(Kind kind, String fileName, byte[] content, long maxUnpackedBytes) throws ArchiveException {
        if (content.length == 0) {
            throw new ArchiveException("the plugin file " + quoted(fileName) + " is empty");
        }
        String sha256 = sha256(content);
        return switch (kind) {
            case JAR -> new Checked(kind, declaredName(fileName, manifestOf(fileName, content)), sha256, sha256);
            case DIR -> checkDirectory(fileName, content, maxUnpackedBytes, sha256);
            case EXECUTABLE -> {
                if (fileName == null || !fileName.startsWith(EXECUTABLE_PREFIX) || fileName.length() == EXECUTABLE_PREFIX.length()) {
                    throw new ArchiveException("an executable plugin's file must be named " + EXECUTABLE_PREFIX
                            + "<name>, not " + quoted(fileName));
                }
                yield new Checked(kind, fileName.substring(EXECUTABLE_PREFIX.length()), sha256, sha256);
            }
        };
    }

    private static Checked checkDirectory(String fileName, byte[] zip, long maxUnpackedBytes, String sha256)
            throws ArchiveException {
        Map<String, byte[]> jars = new TreeMap<>(PluginZip.jars(zip, maxUnpackedBytes));
        if (jars.isEmpty()) {
            throw new ArchiveException("the plugin directory " + quoted(fileName) + " holds no jar");
        }
        String declared = null;
        boolean namesApi = false;
        for (var jar : jars.entrySet()) {
            Manifest manifest = manifestOrNull(jar.getKey(), jar.getValue());
            if (manifest != null && manifest.getMainAttributes().getValue(API_ATTRIBUTE) != null) {
                namesApi = true;
                declared = manifest.getMainAttributes().getValue(NAME_ATTRIBUTE);
                break;
            }
        }
        if (!namesApi) {
            throw new ArchiveException("no jar in the plugin directory " + quoted(fileName) + " names the plugin API it targets ("
                    + API_ATTRIBUTE + " in its manifest)");
        }
        MessageDigest digest = sha256();
        for (var jar : jars.entrySet()) {
            if (jars.size() > 1) {
                digest.update((jar.getKey() + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            digest.update(jar.getValue());
        }
        return new Checked(Kind.DIR, declared == null ? null : declared.strip(), sha256, HexFormat.of().formatHex(digest.digest()));
    }

    private static String declaredName(String fileName, Manifest manifest) throws ArchiveException {
        Attributes main = manifest.getMainAttributes();
        if (main.getValue(API_ATTRIBUTE) == null) {
            throw new ArchiveException("the jar " + quoted(fileName) + " names no plugin API version (" + API_ATTRIBUTE
                    + " in its manifest)");
        }
        String name = main.getValue(NAME_ATTRIBUTE);
        return name == null ? null : name.strip();
    }

    private static Manifest manifestOf(String fileName, byte[] jar) throws ArchiveException {
        Manifest manifest = manifestOrNull(fileName, jar);
        if (manifest == null) {
            throw new ArchiveException("the jar " + quoted(fileName) + " has no manifest (META-INF/MANIFEST.MF)");
        }
        return manifest;
    }

    /** @throws ArchiveException when the bytes are not a zip at all */
    private static Manifest manifestOrNull(String fileName, byte[] jar) throws ArchiveException {
        try (var zip = PluginZip.open("the jar " + quoted(fileName), jar)) {
            var entry = zip.getEntry("META-INF/MANIFEST.MF");
            if (entry == null) {
                return null;
            }
            try (InputStream in = zip.getInputStream(entry)) {
                return new Manifest(new CountingInputStream(in, Sizes.MIB, "the manifest of " + quoted(fileName) + " is over 1 MiB"));
            }
        } catch (IOException e) {
            throw new ArchiveException("the manifest of " + quoted(fileName) + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * The name a jar or directory gives its plugin when its manifest names none: the file name
     * without {@code .jar} and without a version ({@code hello-builder-1.2.0.jar} → {@code hello-builder}).
     */
    public static String defaultName(String fileName) {
        String name = fileName.endsWith(".jar") ? fileName.substring(0, fileName.length() - 4) : fileName;
        return name.replaceFirst("-\\d+(\\.\\d+)*([.-][A-Za-z0-9.]+)?$", "");
    }

    /** Lower-case hex, as {@code sha256sum} prints it. */
    public static String sha256(byte[] content) {
        return HexFormat.of().formatHex(sha256().digest(content));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    static String quoted(String fileName) {
        return fileName == null ? "(unnamed)" : "\"" + fileName + "\"";
    }
}
