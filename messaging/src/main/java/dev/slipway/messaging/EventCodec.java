package dev.slipway.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.slipway.api.event.EventTypes;
import dev.slipway.api.event.LogLine;
import dev.slipway.api.event.SlipwayEvent;

/**
 * The JSON form of the event records, as carried in Kafka message values and stored in the event
 * log. The record's class travels beside it as the CloudEvents type.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private EventCodec() {
    }

    /** The mapper the services use for their own JSON too, so dates and durations read the same everywhere. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static String encode(Object event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot encode " + event.getClass().getSimpleName(), e);
        }
    }

    /** Reads back a value this codec wrote and the service stored; {@code null} stays {@code null}. */
    public static <T> T readStored(String json, TypeReference<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored value cannot be read back: " + e.getMessage(), e);
        }
    }

    /** Decodes a message; an unknown type or a body that does not fit it is a {@link MalformedMessageException}. */
    public static SlipwayEvent decode(String type, String json) throws MalformedMessageException {
        Class<? extends SlipwayEvent> eventClass = EventTypes.classOf(type)
                .orElseThrow(() -> new MalformedMessageException("unknown event type \"" + type + "\""));
        return read(json, eventClass, type);
    }

    public static LogLine decodeLogLine(String json) throws MalformedMessageException {
        return read(json, LogLine.class, "log line");
    }

    public static WorkerAnnounced decodeAnnouncement(String json) throws MalformedMessageException {
        return read(json, WorkerAnnounced.class, "worker announcement");
    }

    public static PluginRequest decodePluginRequest(String json) throws MalformedMessageException {
        return read(json, PluginRequest.class, "plugin request");
    }

    public static PluginReply decodePluginReply(String json) throws MalformedMessageException {
        return read(json, PluginReply.class, "plugin reply");
    }

    private static <T> T read(String json, Class<T> type, String what) throws MalformedMessageException {
        try {
            T value = MAPPER.readValue(json, type);
            if (value == null) {
                throw new MalformedMessageException(what + " has an empty body");
            }
            return value;
        } catch (JsonProcessingException | RuntimeException e) {
            throw new MalformedMessageException(what + " does not fit its type: " + e.getMessage());
        }
    }

    /** A message that cannot be understood; it belongs on the dead-letter topic, not in a retry loop. */
    public static class MalformedMessageException extends Exception {
        public MalformedMessageException(String message) {
            super(message);
        }
    }
}
