package dev.slipway.archive;

/**
 * How much a source archive may hold. Every limit is checked while reading, before the bytes are
 * kept anywhere, so an archive that breaks one costs at most the limit to refuse.
 *
 * @param maxCompressedBytes   size of the .tar.gz as uploaded
 * @param maxUncompressedBytes size of the tar stream once ungzipped (headers and file contents)
 * @param maxEntries           files, directories and links together
 */
public record Limits(long maxCompressedBytes, long maxUncompressedBytes, int maxEntries) {

    /** 100 MiB compressed, 500 MiB unpacked, 50,000 entries. */
    public static final Limits DEFAULT = new Limits(100 * Sizes.MIB, 500 * Sizes.MIB, 50_000);

    public Limits {
        if (maxCompressedBytes <= 0 || maxUncompressedBytes <= 0 || maxEntries <= 0) {
            throw new IllegalArgumentException("archive limits must be positive: " + maxCompressedBytes + " compressed bytes, "
                    + maxUncompressedBytes + " uncompressed bytes, " + maxEntries + " entries");
        }
    }
}
