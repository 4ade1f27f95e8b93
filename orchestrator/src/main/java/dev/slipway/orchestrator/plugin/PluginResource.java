package dev.slipway.orchestrator.plugin;

import dev.slipway.api.config.Names;
import dev.slipway.archive.ArchiveException;
import dev.slipway.archive.PluginPackage;
import dev.slipway.orchestrator.SlipwayConfig;
import dev.slipway.orchestrator.Refused;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code GET /api/plugins}: the plugins the live workers have ({@link PluginViews}). {@code POST /api/plugins}: installs a plugin on every worker, present or started later, from the
 * file in the body ({@code ?kind=jar|dir|executable&file=NAME[&name=PLUGIN]}) or from a Maven
 * repository ({@code {"coordinates": "group:artifact:version"}}); {@code DELETE /api/plugins/NAME} removes it.
 */
@Path("/api/plugins")
@Produces(MediaType.APPLICATION_JSON)
public class PluginResource {

    /** A file name and nothing else: no directory, no hidden file, nothing a shell or a path would read twice. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_+-][A-Za-z0-9._+-]{0,254}");

    /** {@code {"coordinates": "group:artifact:version", "name": optional}} */
    public record FromMaven(String coordinates, String name) {
    }

    private final PluginViews views;
    private final PluginInstalls installs;
    private final MavenArtifacts maven;
    private final Vertx vertx;
    private final long maxBytes;

    public PluginResource(PluginViews views, PluginInstalls installs, MavenArtifacts maven, Vertx vertx,
                          SlipwayConfig config) {
        this.views = views;
        this.installs = installs;
        this.maven = maven;
        this.vertx = vertx;
        this.maxBytes = config.pluginInstall().maxBytes();
    }

    @GET
    public Uni<List<PluginViews.PluginView>> plugins() {
        return views.all();
    }

    @POST
    @Consumes({MediaType.APPLICATION_OCTET_STREAM, "application/java-archive", "application/zip"})
    public Uni<Response> install(@QueryParam("kind") String kind, @QueryParam("file") String file,
                                 @QueryParam("name") String name, java.nio.file.Path body) {
        PluginPackage.Kind packaging = kindOf(kind);
        if (file == null || !FILE_NAME.matcher(file).matches()) {
            throw Refused.invalid(file == null ? "query parameter file (the plugin's file name) is required"
                    : "file \"" + Names.printable(file) + "\" is not a plain file name (letters, digits, '.', '_', '+', '-')");
        }
        return install(() -> new PluginInstalls.Upload(name, packaging, file, read(body)));
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> installFromMaven(FromMaven request) {
        if (request == null || request.coordinates() == null) {
            throw Refused.invalid("request body must be {\"coordinates\": \"group:artifact:version\"}");
        }
        MavenArtifacts.Coordinates coordinates = MavenArtifacts.Coordinates.parse(request.coordinates());
        return install(() -> {
            MavenArtifacts.Fetched jar = maven.fetch(coordinates, maxBytes);
            return new PluginInstalls.Upload(request.name(), PluginPackage.Kind.JAR, jar.fileName(), jar.content());
        });
    }

    @DELETE
    @Path("/{name}")
    public Uni<Response> remove(@PathParam("name") String name) {
        return installs.remove(name).replaceWith(Response.noContent().build());
    }

    private Uni<Response> install(java.util.function.Supplier<PluginInstalls.Upload> upload) {
        return vertx.executeBlocking(Uni.createFrom().item(() -> {
                    PluginInstalls.Upload read = upload.get();
                    return java.util.Map.entry(installs.check(read), read.content());
                }))
                .chain(checked -> installs.record(checked.getKey(), checked.getValue()))
                .map(installed -> Response.status(Response.Status.CREATED).entity(installed).build());
    }

    private byte[] read(java.nio.file.Path body) {
        try {
            if (body == null || Files.size(body) == 0) {
                throw Refused.invalid("the request body must be the plugin file; it is empty");
            }
            if (Files.size(body) > maxBytes) {
                throw Refused.tooLarge(tooLarge(maxBytes));
            }
            return Files.readAllBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (body != null) {
                body.toFile().delete();
            }
        }
    }

    static String tooLarge(long maxBytes) {
        long mib = 1024 * 1024;
        return "a plugin file is at most " + (maxBytes % mib == 0 ? maxBytes / mib + " MiB" : maxBytes + " bytes")
                + " (slipway.plugin-install.max-bytes)";
    }

    private static PluginPackage.Kind kindOf(String kind) {
        if (kind == null) {
            throw Refused.invalid("query parameter kind is required: jar, dir or executable");
        }
        try {
            return PluginPackage.Kind.of(kind);
        } catch (ArchiveException e) {
            throw Refused.invalid(Names.printable(e.getMessage()));
        }
    }
}
