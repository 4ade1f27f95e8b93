package dev.slipway.workers.plugin;

import dev.slipway.api.Strategy;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where the worker calls a plugin's code that must answer in time ({@code accept()}, an HTTP
 * extension's {@code handle()}, a jar's constructors and static initializers): on a thread of its own, with the plugin's class loader as context
 * class loader, given up (and interrupted) when it does not answer.
 */
final class PluginThreads {

    /** Daemon threads: a call that never returns must not keep the worker from stopping. */
    private static final ExecutorService THREADS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "plugin-call");
        thread.setDaemon(true);
        return thread;
    });

    private PluginThreads() {
    }

    /**
     * @throws TimeoutException     when it did not answer within {@code timeout}; it was interrupted
     * @throws ExecutionException   with what it threw
     * @throws InterruptedException when the calling thread was interrupted; the call was too
     */
    static <T> T call(Strategy strategy, Callable<T> call, Duration timeout)
            throws TimeoutException, ExecutionException, InterruptedException {
        return call(strategy.getClass().getClassLoader(), call, timeout);
    }

    /** {@link #call(Strategy, Callable, Duration)} for code that is no strategy yet: making a plugin's strategies. */
    static <T> T call(ClassLoader plugin, Callable<T> call, Duration timeout)
            throws TimeoutException, ExecutionException, InterruptedException {
        Future<T> answer = THREADS.submit(() -> {
            Thread.currentThread().setContextClassLoader(plugin);
            return call.call();
        });
        try {
            return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | InterruptedException e) {
            answer.cancel(true);
            throw e;
        }
    }

    /** "10 s", or "500 ms" for less than whole seconds. */
    static String describe(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}
