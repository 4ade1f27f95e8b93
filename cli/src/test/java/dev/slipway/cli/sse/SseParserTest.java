package dev.slipway.cli.sse;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SseParserTest {

    @Test
    void parsesIdEventAndData() {
        assertEquals(List.of(new SseEvent("7", "BuildStarted", "{\"a\":1}")),
                parse("id: 7", "event: BuildStarted", "data: {\"a\":1}", ""));
    }

    @Test
    void joinsDataLinesWithNewlines() {
        assertEquals(List.of(new SseEvent(null, "message", "one\ntwo\n")), parse("data: one", "data:two", "data", ""));
    }

    @Test
    void takesOnlyOneSpaceAfterTheColon() {
        assertEquals(List.of(new SseEvent(null, "x", "  indented")), parse("event:x", "data:   indented", ""));
    }

    @Test
    void ignoresCommentsRetryAndUnknownFields() {
        assertEquals(List.of(new SseEvent(null, "message", "d")),
                parse(": keep-alive", "retry: 3000", "colour: blue", "data: d", ":", ""));
    }

    @Test
    void anEventWithoutDataIsNotDispatchedButItsIdCounts() {
        assertEquals(List.of(new SseEvent("2", "message", "after")),
                parse("id: 2", "event: ping", "", "data: after", ""));
    }

    @Test
    void idCarriesOverAndAnEmptyIdClearsIt() {
        assertEquals(List.of(new SseEvent("1", "a", "x"), new SseEvent("1", "b", "y"), new SseEvent(null, "c", "z")),
                parse("id: 1", "event: a", "data: x", "", "event: b", "data: y", "", "id", "event: c", "data: z", ""));
    }

    @Test
    void anIdWithNulIsIgnored() {
        assertEquals(List.of(new SseEvent("1", "message", "x")), parse("id: 1", "id: 2\0", "data: x", ""));
    }

    @Test
    void anUnfinishedEventAtTheEndIsDropped() {
        assertEquals(List.of(new SseEvent(null, "message", "done")), parse("data: done", "", "data: half"));
    }

    @Test
    void skipsAByteOrderMarkOnTheFirstLine() {
        assertEquals(List.of(new SseEvent("1", "message", "x")), parse("\uFEFFid: 1", "data: x", ""));
    }

    private static List<SseEvent> parse(String... lines) {
        SseParser parser = new SseParser();
        List<SseEvent> events = new ArrayList<>();
        for (String line : lines) {
            parser.line(line).ifPresent(events::add);
        }
        return events;
    }
}
