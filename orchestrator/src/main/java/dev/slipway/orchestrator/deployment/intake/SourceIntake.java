package dev.slipway.orchestrator.deployment.intake;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.slipway.api.config.AppConfig;
import dev.slipway.api.config.AppConfigLoader;
import dev.slipway.api.config.ConfigException;
import dev.slipway.archive.ArchiveException;
import dev.slipway.archive.Limits;
import dev.slipway.archive.SourceArchive;
import dev.slipway.orchestrator.SlipwayConfig;
import dev.slipway.orchestrator.Refused;
import dev.slipway.orchestrator.plugin.WorkerDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Accepts an uploaded source archive: checks every entry and the app's configuration — including
 * that the strategies it names exist on some worker — before anything is built, then keeps it where
 * the build workers read it. Blocking: run off the event loop.
 */
@ApplicationScoped
public class SourceIntake {

    /** app.json as plain values; a key given twice is refused rather than one of the two taken. */
    private static final ObjectReader JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build().readerFor(Object.class);

    /** A validated archive, where it is kept, and the configuration it carries. */
    public record Accepted(Path source, AppConfig config) {
    }

    private final Path sources;
    private final Limits limits;
    private final WorkerDirectory workers;

    public SourceIntake(SlipwayConfig config, WorkerDirectory workers) {
        this.workers = workers;
        this.sources = config.home().resolve("sources");
        this.limits = new Limits(config.upload().maxBytes(), config.upload().maxUnpackedBytes(),
                config.upload().maxEntries());
    }

    /**
     * app.json as plain values. A parse error says where, not Jackson's text, which quotes the file:
     * an app.json may hold a value the author did not mean to show.
     */
    private static Object json(String text) throws IOException {
        try {
            return JSON.readValue(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String problem = e instanceof StreamReadException && e.getOriginalMessage().startsWith("Duplicate field")
                    ? "a key is given twice" : "not valid JSON";
            throw new IOException((at == null ? "" : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": ")
                    + problem);
        }
    }

    public Accepted accept(Path upload, UUID deploymentId) {
        Map<String, String> files;
        try (InputStream in = Files.newInputStream(upload)) {
            files = SourceArchive.inspect(in, limits, AppConfigLoader.FILES).files();
        } catch (ArchiveException e) {
            throw Refused.invalid(e.getMessage());
        } catch (IOException e) {
            throw Refused.invalid("the upload cannot be read as a .tar.gz source archive: " + e.getMessage());
        }
        AppConfig config;
        try {
            config = AppConfigLoader.load(name -> Optional.ofNullable(files.get(name)), SourceIntake::json);
        } catch (ConfigException | IOException e) {
            throw Refused.invalid(e.getMessage());
        }
        workers.check(config, files.containsKey(AppConfigLoader.SLIPWAY_TOML) ? AppConfigLoader.SLIPWAY_TOML
                : AppConfigLoader.HOP3_TOML);
        try {
            Files.createDirectories(sources);
            Path kept = sources.resolve(deploymentId + ".tar.gz");
            Files.copy(upload, kept, StandardCopyOption.REPLACE_EXISTING);
            return new Accepted(kept, config);
        } catch (IOException e) {
            throw new IllegalStateException("cannot keep the source archive under " + sources + ": " + e.getMessage(), e);
        }
    }
}
