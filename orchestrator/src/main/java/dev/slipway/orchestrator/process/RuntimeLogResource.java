package dev.slipway.orchestrator.process;

import dev.slipway.api.config.Names;
import dev.slipway.messaging.EventCodec;
import dev.slipway.orchestrator.Refused;
import dev.slipway.orchestrator.api.Params;
import dev.slipway.orchestrator.stream.DeploymentStreams;
import dev.slipway.orchestrator.stream.LiveStream;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.util.UUID;

/**
 * {@code GET /api/apps/{app}/logs}: what the app's processes print, and what the host says about
 * them (a crash, a restart), across its releases: the recent lines, then live. Masked as every
 * stage log is, by the worker, before it leaves the host.
 */
@Path("/api/apps/{app}/logs")
public class RuntimeLogResource {

    private static final int DEFAULT_LINES = 100;

    /** One line: {@code process} is {@code web.1}, or {@code null} for the host's own word. */
    public record RuntimeLine(String process, String time, String text, UUID deploymentId) {
    }

    private final DeploymentStreams streams;

    public RuntimeLogResource(DeploymentStreams streams) {
        this.streams = streams;
    }

    /**
     * @param lines   how many recent lines come first, 0 to 1000 (default 100)
     * @param process a type ({@code web}) or one process ({@code web.1}): its lines only
     * @param follow  {@code false}: the recent lines only, then the stream ends
     */
    @GET
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @LiveStream(LiveStream.Subject.APP)
    public Multi<OutboundSseEvent> logs(@PathParam("app") String app, @QueryParam("lines") String lines,
                                        @QueryParam("process") String process, @QueryParam("follow") String follow,
                                        @HeaderParam("Last-Event-ID") String lastEventId, @Context Sse sse) {
        int recent = lines(lines);
        if (process != null && !Names.PROCESS_TYPE.matcher(process).matches()
                && !Names.PROCESS.matcher(process).matches()) {
            throw Refused.invalid("process \"" + Names.printable(process) + "\" is neither a process type"
                    + " (web) nor a process (web.1)");
        }
        if (follow != null && !follow.equals("true") && !follow.equals("false")) {
            throw Refused.invalid("follow \"" + Names.printable(follow) + "\" is neither true nor false");
        }
        return streams.runtimeLogs(app, process, recent, Params.lastEventId(lastEventId), !"false".equals(follow))
                .map(line -> sse.newEventBuilder().id(Long.toString(line.position)).name("log")
                        .data(EventCodec.encode(new RuntimeLine(line.process, line.loggedAt.toString(), line.text,
                                line.deploymentId))).build());
    }

    private static int lines(String text) {
        if (text == null) {
            return DEFAULT_LINES;
        }
        try {
            int lines = Integer.parseInt(text.strip());
            if (lines >= 0 && lines <= DeploymentStreams.MAX_RUNTIME_BACKLOG) {
                return lines;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw Refused.invalid("lines \"" + Names.printable(text) + "\" is not a number from 0 to "
                + DeploymentStreams.MAX_RUNTIME_BACKLOG);
    }
}
