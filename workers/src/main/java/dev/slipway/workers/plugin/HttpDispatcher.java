package dev.slipway.workers.plugin;

import dev.slipway.api.HttpExtension;
import dev.slipway.api.config.Names;
import dev.slipway.messaging.EventCodec;
import dev.slipway.messaging.PluginReply;
import dev.slipway.messaging.PluginRequest;
import dev.slipway.workers.isolation.SecretMask;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands one request to a REST extension and turns what happens into the reply: its answer, or a
 * 502 when it throws, answers null or answers what cannot be passed on, or a 504 when it does not
 * answer within the request's time; a 503 while {@value #MAX_RUNNING} calls of it still run. Whatever implements {@link HttpExtension} is called the same
 * way: a Java plugin's, or an adapter that speaks to an executable plugin. A failure is told to the
 * caller without a stack trace, the plugin's settings and the worker's secrets masked.
 */
public final class HttpDispatcher {

    static final String KIND = "http";
    private static final int MAX_MESSAGE = 300;

    /** Told of each failure, masked, as the plugin's last one. */
    public interface Failures {
        void failed(HttpExtension extension, String failure);
    }

    /** Calls of one extension at once, hung ones included: a plugin that never returns cannot take every thread. */
    static final int MAX_RUNNING = 16;

    private final String worker;
    private final Failures failures;
    private final int maxRunning;
    private final Map<String, Semaphore> running = new ConcurrentHashMap<>();

    public HttpDispatcher(String worker, Failures failures) {
        this(worker, failures, MAX_RUNNING);
    }

    HttpDispatcher(String worker, Failures failures, int maxRunning) {
        this.worker = worker;
        this.failures = failures;
        this.maxRunning = maxRunning;
    }

    public PluginReply dispatch(PluginRequest request, HttpExtension extension, HttpExtension.Context context,
                                SecretMask mask) {
        HttpExtension.Request asked = new HttpExtension.Request(request.method(), request.path(), request.query(),
                request.contentType(), request.body());
        Duration within = Duration.ofMillis(Math.max(1, request.answerWithinMillis()));
        Semaphore permits = running.computeIfAbsent(request.plugin(), plugin -> new Semaphore(maxRunning));
        if (!permits.tryAcquire()) {
            return error(request, 503, "plugin " + request.plugin() + " is still busy with " + maxRunning
                    + " calls on worker " + worker + " (some may hang); ask again later");
        }
        // Whoever sets it releases the permit: the call when it ran, the dispatcher when it never started.
        AtomicBoolean started = new AtomicBoolean();
        HttpExtension.Response answer;
        try {
            answer = PluginThreads.call(extension, () -> {
                if (!started.compareAndSet(false, true)) {
                    return null;
                }
                try {
                    return extension.handle(asked, context);
                } finally {
                    permits.release();
                }
            }, within);
        } catch (TimeoutException e) {
            return failure(request, extension, 504, "did not answer within " + PluginThreads.describe(within));
        } catch (ExecutionException e) {
            return failure(request, extension, 502, "failed: " + safe(e.getCause(), mask));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return error(request, 503, "worker " + worker + " is stopping; ask again");
        } finally {
            if (started.compareAndSet(false, true)) {
                permits.release();
            }
        }
        if (answer == null) {
            return failure(request, extension, 502, "answered nothing (handle() returned null)");
        }
        PluginReply reply = new PluginReply(request.id(), worker, answer.status(),
                answer.contentType() == null ? "text/plain; charset=utf-8" : answer.contentType(),
                answer.body() == null ? "" : answer.body());
        String problem = reply.problem();
        return problem == null ? reply : failure(request, extension, 502, "answered what cannot be passed on: "
                + mask.mask(problem));
    }

    /** The reply when this worker has no such extension (any more). */
    public PluginReply missing(PluginRequest request) {
        return error(request, 404, "plugin " + request.plugin() + " has no REST extension on worker " + worker
                + " (it may just have been removed)");
    }

    private PluginReply failure(PluginRequest request, HttpExtension extension, int status, String what) {
        failures.failed(extension, "handle() " + what);
        return error(request, status, "plugin " + request.plugin() + " " + what);
    }

    private PluginReply error(PluginRequest request, int status, String message) {
        return new PluginReply(request.id(), worker, status, "application/json",
                EventCodec.encode(Map.of("error", message)));
    }

    /** What was thrown, its first line only, masked, control characters escaped, cut short. */
    static String safe(Throwable thrown, SecretMask mask) {
        String message = thrown.getMessage() == null ? "" : thrown.getMessage().lines().findFirst().orElse("");
        return Names.printable(mask.mask(thrown.getClass().getSimpleName() + (message.isEmpty() ? "" : ": " + message)),
                MAX_MESSAGE);
    }
}
