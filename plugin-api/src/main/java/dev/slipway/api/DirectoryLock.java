package dev.slipway.api;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One change to a directory's files at a time, across the threads of this process and the other
 * processes on the machine: a proxy strategy takes it around each change to its configuration, so
 * one app's bad file cannot fail another's test, nor an undo race a reload. The file lock covers
 * other processes; the in-memory lock covers threads of this one, since a JVM may hold a file lock only once.
 */
public final class DirectoryLock implements AutoCloseable {

    private static final Map<Path, ReentrantLock> THREADS = new ConcurrentHashMap<>();

    private final ReentrantLock threadLock;
    private final FileChannel channel;
    private final FileLock fileLock;

    private DirectoryLock(ReentrantLock threadLock, FileChannel channel, FileLock fileLock) {
        this.threadLock = threadLock;
        this.channel = channel;
        this.fileLock = fileLock;
    }

    /** Waits for and takes the lock of {@code dir} ({@code .slipway.lock} in it); {@code what} names it in errors. */
    public static DirectoryLock take(Path dir, String what) throws StageException {
        ReentrantLock threadLock = THREADS.computeIfAbsent(dir.toAbsolutePath().normalize(), p -> new ReentrantLock());
        threadLock.lock();
        try {
            FileChannel channel = FileChannel.open(dir.resolve(".slipway.lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            return new DirectoryLock(threadLock, channel, channel.lock());
        } catch (IOException e) {
            threadLock.unlock();
            throw new StageException("could not lock " + what + " " + dir + ": " + e.getMessage()
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
