package dev.slipway.archive;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts what passes through and stops with {@link LimitExceeded} past a maximum, so that a
 * compression bomb costs at most the limit. Remembers whether the wrapped stream itself failed, to
 * tell a broken connection from a broken archive.
 */
final class CountingInputStream extends FilterInputStream {

    /** The limit was passed; carries the message for the user. */
    static final class LimitExceeded extends IOException {
        LimitExceeded(String message) {
            super(message);
        }
    }

    private final long max;
    private final String message;
    private long count;
    private boolean failed;

    CountingInputStream(InputStream in, long max, String message) {
        super(in);
        this.max = max;
        this.message = message;
    }

    @Override
    public int read() throws IOException {
        int b = guarded(() -> super.read());
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = guarded(() -> super.read(buffer, offset, length));
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        // Read rather than skip so that every byte is counted.
        return Math.max(0, read(new byte[(int) Math.min(n, 8192)]));
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    boolean failed() {
        return failed;
    }

    private void add(long n) throws LimitExceeded {
        count += n;
        if (count > max) {
            throw new LimitExceeded(message);
        }
    }

    private interface Read {
        int run() throws IOException;
    }

    private int guarded(Read read) throws IOException {
        try {
            return read.run();
        } catch (IOException e) {
            failed = !(e instanceof LimitExceeded);
            throw e;
        }
    }
}
