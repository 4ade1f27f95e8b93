package dev.slipway.archive;

import java.util.ArrayList;
import java.util.List;

/** Lexical handling of the '/'-separated paths inside an archive. */
final class EntryPath {

    private EntryPath() {
    }

    /**
     * The path without {@code .}, {@code ..} and repeated or trailing slashes, relative to the
     * root of the tree ({@code ""} is the root itself); {@code null} when a {@code ..} climbs
     * above the root. Absolute paths are the caller's to refuse first.
     */
    static String normalise(String path) {
        return resolve(List.of(), path);
    }

    /** {@code relative} resolved against the directory {@code base}, or {@code null} if it climbs out. */
    static String resolve(List<String> base, String relative) {
        List<String> parts = new ArrayList<>(base);
        for (String part : relative.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.remove(parts.size() - 1);
            } else {
                parts.add(part);
            }
        }
        return String.join("/", parts);
    }

    static List<String> parts(String normalised) {
        return normalised.isEmpty() ? List.of() : List.of(normalised.split("/"));
    }

    /** The parent directory's parts of a normalised, non-root path. */
    static List<String> parentParts(String normalised) {
        List<String> parts = parts(normalised);
        return parts.subList(0, parts.size() - 1);
    }

    /** Every proper ancestor of a normalised path, nearest the root first: {@code a}, {@code a/b} for {@code a/b/c}. */
    static List<String> ancestors(String normalised) {
        List<String> result = new ArrayList<>();
        int slash = normalised.indexOf('/');
        while (slash >= 0) {
            result.add(normalised.substring(0, slash));
            slash = normalised.indexOf('/', slash + 1);
        }
        return result;
    }
}
