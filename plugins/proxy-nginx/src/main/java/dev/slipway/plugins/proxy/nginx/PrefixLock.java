package dev.slipway.plugins.proxy.nginx;

import dev.slipway.api.StageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One change to an nginx prefix at a time. Without it, one app's bad file could fail another
 * app's {@code nginx -t}, or an undo could race a reload. The file lock covers workers in other
 * processes; the in-memory lock covers threads of this one, since a JVM may hold a file lock only once.
 */
final class PrefixLock implements AutoCloseable {

    private static final Map<Path, ReentrantLock> THREADS = new ConcurrentHashMap<>();

    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private PrefixLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
        this.threadLock = threadLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    static PrefixLock take(Path prefix) throws StageException {
        ReentrantLock threadLock = THREADS.computeIfAbsent(prefix, p -> new ReentrantLock());
        threadLock.lock();
        try {
            FileChannel channel = FileChannel.open(prefix.resolve(".slipway.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new PrefixLock(threadLock, channel, channel.lock());
        } catch (IOException e) {
            threadLock.unlock();
            throw new StageException("could not lock the nginx prefix " + prefix + ": " + e.getMessage()
                    + " (check that the worker may write there)", e);
        }
    }

    @Override
    public void close() {
        try {
            fileLock.release();
            channel.close();
        } catch (IOException e) {
            // closing the channel releases the lock in any case
        } finally {
            threadLock.unlock();
        }
    }
}
