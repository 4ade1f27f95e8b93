package dev.slipway.archive;

/** Byte counts in the words of error messages. */
final class Sizes {

    static final long KIB = 1024;
    static final long MIB = 1024 * KIB;

    private Sizes() {
    }

    static String human(long bytes) {
        if (bytes >= MIB && bytes % MIB == 0) {
            return bytes / MIB + " MiB";
        }
        if (bytes >= KIB && bytes % KIB == 0) {
            return bytes / KIB + " KiB";
        }
        return bytes + " bytes";
    }
}
