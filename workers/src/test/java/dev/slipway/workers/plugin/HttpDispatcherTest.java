package dev.slipway.workers.plugin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.HttpExtension;
import dev.slipway.api.PluginStorage;
import dev.slipway.api.StageException;
import dev.slipway.messaging.PluginReply;
import dev.slipway.messaging.PluginRequest;
import dev.slipway.workers.isolation.SecretMask;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class HttpDispatcherTest {

    private final List<String> failures = new ArrayList<>();
    private final HttpDispatcher dispatcher = new HttpDispatcher("w1", (extension, failure) ->
            failures.add(extension.name() + ": " + failure));
    private final HttpExtension.Context context = new PluginRequests.ExtensionContext(Map.of("greeting", "ahoy"),
            PluginStorage.unavailable());

    private static PluginRequest request(String path) {
        return new PluginRequest(UUID.randomUUID(), "w1", "echo", "POST", path, Map.of("q", "1"), "text/plain", "hi", 500);
    }

    private static HttpExtension extension(Handler handler) {
        return new HttpExtension() {
            @Override
            public String name() {
                return "echo";
            }

            @Override
            public Response handle(Request request, Context context) throws StageException {
                return handler.handle(request, context);
            }
        };
    }

    interface Handler {
        HttpExtension.Response handle(HttpExtension.Request request, HttpExtension.Context context) throws StageException;
    }

    @Test
    void theExtensionsAnswerIsTheReplyAndItGetsTheRequestAndItsSettings() {
        PluginRequest request = request("/say");
        PluginReply reply = dispatcher.dispatch(request, extension((r, c) -> HttpExtension.Response.json(201,
                "{\"said\":\"" + c.config().get("greeting") + " " + r.method() + " " + r.path() + " " + r.query()
                        + " " + r.contentType() + " " + r.body() + "\"}")), context, SecretMask.NONE);

        assertEquals(new PluginReply(request.id(), "w1", 201, "application/json",
                "{\"said\":\"ahoy POST /say {q=1} text/plain hi\"}"), reply);
        assertEquals(List.of(), failures);
    }

    @Test
    void aThrowingExtensionIsA502WithoutStackTraceAndWithSecretsMasked() {
        SecretMask mask = SecretMask.of(List.of("s3cr3t-value"));
        PluginReply reply = dispatcher.dispatch(request("/"), extension((r, c) -> {
            throw new IllegalStateException("cannot log in with s3cr3t-value\n\tat com.example.Echo.handle(Echo.java:12)");
        }), context, mask);

        assertEquals(502, reply.status());
        assertEquals("application/json", reply.contentType());
        assertEquals("{\"error\":\"plugin echo failed: IllegalStateException: cannot log in with ****\"}", reply.body());
        assertEquals(List.of("echo: handle() failed: IllegalStateException: cannot log in with ****"), failures);
    }

    @Test
    void aHangingExtensionIsA504AndIsInterrupted() throws Exception {
        java.util.concurrent.CountDownLatch interrupted = new java.util.concurrent.CountDownLatch(1);
        PluginReply reply = dispatcher.dispatch(request("/"), extension((r, c) -> {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            return HttpExtension.Response.json(200, "{}");
        }), context, SecretMask.NONE);

        assertEquals(504, reply.status());
        assertEquals("{\"error\":\"plugin echo did not answer within 500 ms\"}", reply.body());
        assertTrue(interrupted.await(10, java.util.concurrent.TimeUnit.SECONDS), "the hanging call was interrupted");
        assertEquals(1, failures.size());
    }

    @Test
    void anExtensionWhoseCallsHangIsRefusedWhileTheyRunAndServedWhenTheyEnd() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger ended = new java.util.concurrent.atomic.AtomicInteger();
        HttpDispatcher one = new HttpDispatcher("w1", (extension, failure) -> failures.add(failure), 1);
        HttpExtension stubborn = extension((r, c) -> {
            if (r.path().equals("/hang")) {
                // Deaf to the interrupt: only the latch ends it.
                while (release.getCount() > 0) {
                    try {
                        release.await();
                    } catch (InterruptedException ignored) {
                        // on it goes
                    }
                }
                ended.incrementAndGet();
            }
            return HttpExtension.Response.json(200, "{}");
        });

        assertEquals(504, one.dispatch(request("/hang"), stubborn, context, SecretMask.NONE).status());
        PluginReply busy = one.dispatch(request("/"), stubborn, context, SecretMask.NONE);
        assertEquals(503, busy.status());
        assertEquals("{\"error\":\"plugin echo is still busy with 1 calls on worker w1 (some may hang); ask again later\"}",
                busy.body());

        release.countDown();
        for (int i = 0; i < 1000 && ended.get() == 0; i++) {
            Thread.sleep(10);
        }
        PluginReply served = null;
        for (int i = 0; i < 100 && (served == null || served.status() == 503); i++) {
            // The permit comes back when the call's thread leaves it, a moment after the call ended.
            served = one.dispatch(request("/"), stubborn, context, SecretMask.NONE);
            Thread.sleep(10);
        }
        assertEquals(200, served.status());
    }

    @Test
    void anAnswerThatCannotBePassedOnIsA502() {
        assertEquals("{\"error\":\"plugin echo answered what cannot be passed on: status 42 is not one of 200 to 599\"}",
                dispatcher.dispatch(request("/"), extension((r, c) -> HttpExtension.Response.json(42, "{}")), context,
                        SecretMask.NONE).body());
        PluginReply huge = dispatcher.dispatch(request("/"), extension((r, c) -> new HttpExtension.Response(200,
                "text/plain", "x".repeat(PluginReply.MAX_BODY_BYTES + 1))), context, SecretMask.NONE);
        assertEquals(502, huge.status());
        assertTrue(huge.body().contains("the body is 262145 bytes; at most 262144"), huge.body());
        PluginReply injected = dispatcher.dispatch(request("/"), extension((r, c) -> new HttpExtension.Response(200,
                "text/html\r\nSet-Cookie: a=b", "")), context, SecretMask.NONE);
        assertEquals(502, injected.status(), injected.body());
        assertEquals(502, dispatcher.dispatch(request("/"), extension((r, c) -> null), context, SecretMask.NONE).status());
        assertEquals(4, failures.size());
    }

    @Test
    void noBodyAndNoTypeAreAnEmptyTextAnswer() {
        PluginReply reply = dispatcher.dispatch(request("/"), extension((r, c) -> new HttpExtension.Response(204, null,
                null)), context, SecretMask.NONE);
        assertEquals(204, reply.status());
        assertEquals("", reply.body());
        assertFalse(reply.contentType().isEmpty());
    }

    @Test
    void aLongOrMultiLineMessageIsCutToItsFirstLine() {
        String safe = HttpDispatcher.safe(new StageException("x".repeat(400) + "\nsecond line"), SecretMask.NONE);
        assertTrue(safe.endsWith("…") && safe.length() < 310 && !safe.contains("second"), safe);
        assertEquals("StageException: a\\u0007b", HttpDispatcher.safe(new StageException("a\u0007b\nc"), SecretMask.NONE));
    }
}
