package dev.slipway.workers.isolation;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An app's process together with the filter that writes its output to its log: it is its own
 * process (pid, handle, exit code), but counts as running until the filter has written the last
 * line too, so that whoever reads the log after the exit reads all of it.
 */
final class LoggedProcess extends Process {

    private final Process app;
    private final Process filter;

    LoggedProcess(Process app, Process filter) {
        this.app = app;
        this.filter = filter;
    }

    @Override
    public OutputStream getOutputStream() {
        return app.getOutputStream();
    }

    @Override
    public InputStream getInputStream() {
        return app.getInputStream();
    }

    @Override
    public InputStream getErrorStream() {
        return app.getErrorStream();
    }

    @Override
    public int waitFor() throws InterruptedException {
        int status = app.waitFor();
        filter.waitFor();
        return status;
    }

    @Override
    public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        return app.waitFor(timeout, unit) && filter.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    @Override
    public boolean isAlive() {
        return app.isAlive() || filter.isAlive();
    }

    /** The app's exit code, once its output is all in the log. */
    @Override
    public int exitValue() {
        if (filter.isAlive()) {
            throw new IllegalThreadStateException("the process's output is still being written");
        }
        return app.exitValue();
    }

    @Override
    public void destroy() {
        app.destroy();
    }

    @Override
    public Process destroyForcibly() {
        app.destroyForcibly();
        return this;
    }

    @Override
    public long pid() {
        return app.pid();
    }

    @Override
    public ProcessHandle toHandle() {
        return app.toHandle();
    }

    @Override
    public CompletableFuture<Process> onExit() {
        return CompletableFuture.allOf(app.onExit(), filter.onExit()).thenApply(done -> this);
    }
}
