package dev.slipway.archive;

import java.util.Map;

/**
 * What {@link SourceArchive#inspect} found in a valid archive.
 *
 * @param entries every entry: files, directories and links
 * @param bytes   the size of all regular files together
 * @param files   UTF-8 content of the wanted top-level files that are present, by name
 */
public record Inspection(int entries, long bytes, Map<String, String> files) {

    public Inspection {
        files = Map.copyOf(files);
    }
}
