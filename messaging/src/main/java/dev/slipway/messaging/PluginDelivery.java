package dev.slipway.messaging;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * An installed plugin as it travels on {@code slipway.plugins}: keyed by the plugin's name, the file's
 * bytes as the value (not JSON: a file of tens of megabytes should not grow by a third), what it is
 * in headers. A record with no value (a tombstone) says the plugin was removed.
 *
 * @param kind   {@code jar}, {@code dir} (a zip of the directory's jars) or {@code executable}
 * @param sha256 of {@code content}, checked by the worker before it writes anything
 */
public record PluginDelivery(String name, String kind, String fileName, String sha256, byte[] content) {

    public static final String KIND_HEADER = "slipway-plugin-kind";
    public static final String FILE_HEADER = "slipway-plugin-file";
    public static final String SHA256_HEADER = "slipway-plugin-sha256";

    public List<Header> headers() {
        return List.of(header(KIND_HEADER, kind), header(FILE_HEADER, fileName), header(SHA256_HEADER, sha256));
    }

    /** @throws EventCodec.MalformedMessageException when a header is missing */
    public static PluginDelivery read(String name, byte[] content, Headers headers) throws EventCodec.MalformedMessageException {
        return new PluginDelivery(name, text(headers, KIND_HEADER, name), text(headers, FILE_HEADER, name),
                text(headers, SHA256_HEADER, name), content);
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }

    private static String text(Headers headers, String key, String name) throws EventCodec.MalformedMessageException {
        Header header = headers.lastHeader(key);
        if (header == null || header.value() == null) {
            throw new EventCodec.MalformedMessageException("the plugin record of \"" + name + "\" has no " + key + " header");
        }
        return new String(header.value(), StandardCharsets.UTF_8);
    }
}
