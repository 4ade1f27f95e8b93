package dev.slipway.workers.plugin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.api.BuildArtifact;
import dev.slipway.api.BuildContext;
import dev.slipway.api.Builder;
import dev.slipway.api.SourceTree;
import dev.slipway.api.StageException;
import dev.slipway.api.config.Names;
import dev.slipway.workers.isolation.PluginBoxes;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A builder that is an executable plugin. {@code accept} is shown the tree's file names, not its
 * files (it runs as the plugin's user, which cannot read them, and decides by names); {@code build}
 * is lent the tree, runs in it, and names the artifact's root inside it.
 */
final class ExecutableBuilder extends ExecutableStrategy implements Builder {

    /** The most names an accept call is shown; past that the request says {@code "truncated": true}. */
    static final int MAX_FILES = 10_000;

    ExecutableBuilder(Program program, Described described) {
        super(program, described);
    }

    @Override
    public boolean accept(SourceTree source) {
        ObjectNode request = request(PluginProtocol.ACCEPT);
        ArrayNode files = request.putArray("files");
        request.put("truncated", !list(source.root(), files));
        return accepts(request, Map.of());
    }

    @Override
    public BuildArtifact build(BuildContext context) throws StageException {
        Path tree = context.workDir();
        ObjectNode request = request(PluginProtocol.BUILD, context, tree);
        JsonNode answer = call(PluginProtocol.BUILD, context, tree, request, Map.of(), new PluginCalls.Around() {
            @Override
            public void before(PluginBoxes.Call box) throws StageException {
                calls().boxes().lend(box, context.app(), tree);
            }

            @Override
            public void after(PluginBoxes.Call box) throws StageException {
                calls().boxes().giveBack(box, context.app(), tree);
            }
        });
        try {
            String kind = PluginAnswers.text(answer, "kind", true, 63);
            if (!Names.STRATEGY.matcher(kind).matches()) {
                throw new PluginAnswers.BadField("kind", "is not a lower-case name such as \"static\" or \"process\"");
            }
            Path root = inside(tree, PluginAnswers.text(answer, "root", true, 1024), "root");
            if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
                throw new PluginAnswers.BadField("root", "is not a directory in the work directory");
            }
            List<String> path = new ArrayList<>();
            List<JsonNode> entries = PluginAnswers.array(answer, "path", 32);
            for (int i = 0; i < entries.size(); i++) {
                if (!entries.get(i).isTextual()) {
                    throw new PluginAnswers.BadField("path[" + i + "]", "is not a text");
                }
                inside(root, entries.get(i).asText(), "path[" + i + "]");
                path.add(entries.get(i).asText());
            }
            Map<String, String> processes = PluginAnswers.texts(answer, "processes", 32,
                    type -> Names.PROCESS_TYPE.matcher(type).matches() ? null : "is not a process type such as web");
            Map<String, String> env = PluginAnswers.texts(answer, "env", 256, Names::envKeyProblem);
            String toolchain = PluginAnswers.text(answer, "toolchain", false, 63);
            context.log().line("plugin " + plugin() + " built a " + kind + " artifact in " + tree.relativize(root));
            return new BuildArtifact(kind, root, processes, env, path, name(), toolchain == null ? name() : toolchain);
        } catch (PluginAnswers.BadField e) {
            throw new StageException("plugin " + plugin() + " (build) answered wrongly: " + e.getMessage());
        }
    }

    /** The tree's names, relative, directories with a trailing '/', links not followed; false if cut short. */
    private static boolean list(Path root, ArrayNode files) {
        boolean[] complete = {true};
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                    return dir.equals(root) ? FileVisitResult.CONTINUE : add(dir);
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    return add(file);
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }

                private FileVisitResult add(Path path) {
                    if (files.size() >= MAX_FILES) {
                        complete[0] = false;
                        return FileVisitResult.TERMINATE;
                    }
                    String name = root.relativize(path).toString();
                    files.add(Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS) ? name + "/" : name);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            complete[0] = false;
        }
        return complete[0];
    }
}
