package dev.slipway.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The host's operating system as {@code /etc/os-release} names it (os-release(5)): {@code ID}, the
 * families it says it is like ({@code ID_LIKE}), {@code VERSION_ID} and {@code PRETTY_NAME}.
 */
public record OsRelease(String id, List<String> idLike, String versionId, String prettyName) {

    public static final Path FILE = Path.of("/etc/os-release");

    public OsRelease {
        id = id == null || id.isBlank() ? "linux" : id;
        idLike = List.copyOf(idLike);
        versionId = versionId == null ? "" : versionId;
        prettyName = prettyName == null || prettyName.isBlank() ? id : prettyName;
    }

    /** This host's, or a plain "linux" when the file is missing or unreadable. */
    public static OsRelease ofHost() {
        try {
            return parse(Files.readString(FILE, StandardCharsets.UTF_8));
        } catch (IOException e) {
            return new OsRelease(null, List.of(), null, null);
        }
    }

    /** {@code KEY=value} lines; values may be quoted with {@code "} or {@code '}; comments and other lines are skipped. */
    public static OsRelease parse(String text) {
        Map<String, String> values = new HashMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (line.isBlank() || line.strip().startsWith("#") || eq < 1) {
                continue;
            }
            values.put(line.substring(0, eq).strip(), unquote(line.substring(eq + 1).strip()));
        }
        String like = values.getOrDefault("ID_LIKE", "").toLowerCase(Locale.ROOT);
        return new OsRelease(values.getOrDefault("ID", "").toLowerCase(Locale.ROOT),
                like.isBlank() ? List.of() : Arrays.asList(like.split("\\s+")), values.get("VERSION_ID"),
                values.get("PRETTY_NAME"));
    }

    /** Whether the system is {@code family} or says it is like it. */
    public boolean is(String family) {
        return id.equals(family) || idLike.contains(family);
    }

    private static String unquote(String value) {
        if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                || value.startsWith("'") && value.endsWith("'"))) {
            String inner = value.substring(1, value.length() - 1);
            return value.startsWith("\"") ? inner.replaceAll("\\\\([\"$`\\\\])", "$1") : inner;
        }
        return value;
    }
}
