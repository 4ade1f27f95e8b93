package dev.slipway.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run measured, in the order it was measured: a key of the (e.g. {@code overhead_ms_p50}),
 * its value and what it means. A figure that was not measured is absent, never zero.
 */
final class Figures {

    private record Figure(String key, Object value, String meaning) {
    }

    private final List<Figure> figures = new ArrayList<>();
    private final Map<String, Object> context = new LinkedHashMap<>();
    private final Map<String, Object> details = new LinkedHashMap<>();
    private final List<String> notes = new ArrayList<>();

    void put(String key, double value, String meaning) {
        add(new Figure(key, BigDecimal.valueOf(value).setScale(value >= 100 ? 0 : 2, RoundingMode.HALF_UP), meaning));
    }

    void count(String key, long value, String meaning) {
        add(new Figure(key, value, meaning));
    }

    private void add(Figure figure) {
        figures.add(figure);
        System.out.printf("  %-32s %10s   %s%n", figure.key(), figure.value(), figure.meaning());
    }

    /** The machine and the run's settings: written beside the figures. */
    void context(String key, Object value) {
        context.put(key, value);
    }

    /** A breakdown for the JSON file, beside the flat figures (e.g. each hand-off's p50). */
    void detail(String key, Object value) {
        details.put(key, value);
    }

    /** A paragraph for the Markdown file (e.g. the profile's summary). */
    void note(String text) {
        notes.add(text);
    }

    void printTable(PrintStream out) {
        out.println();
        out.println(markdownTable());
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        Map<String, Object> json = new LinkedHashMap<>();
        figures.forEach(f -> json.put(f.key(), f.value()));
        json.putAll(details);
        json.put("context", context);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("latest.json").toFile(), json);
        StringBuilder md = new StringBuilder("# Benchmark run\n\n");
        context.forEach((k, v) -> md.append("- ").append(k).append(": ").append(v).append('\n'));
        md.append('\n').append(markdownTable()).append('\n');
        notes.forEach(n -> md.append('\n').append(n).append('\n'));
        Files.writeString(dir.resolve("latest.md"), md);
    }

    private String markdownTable() {
        StringBuilder table = new StringBuilder("| key | value | meaning |\n|---|---:|---|\n");
        figures.forEach(f -> table.append("| `").append(f.key()).append("` | ").append(f.value()).append(" | ")
                .append(f.meaning()).append(" |\n"));
        return table.toString();
    }
}
