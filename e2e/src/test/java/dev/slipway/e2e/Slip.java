package dev.slipway.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The slip CLI as an operator runs it (its packaged jar), pointed at the test stack. */
final class Slip {

    record Result(int exitCode, String out, String err) {
    }

    private Slip() {
    }

    static Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-jar",
                SlipwayStack.REPO.resolve("cli/target/slip.jar").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("slip-out", ".txt");
        Path err = Files.createTempFile("slip-err", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().put("SLIPWAY_URL", "http://127.0.0.1:" + SlipwayStack.API_PORT);
        // In the environment, never on the command line.
        builder.environment().put("SLIPWAY_TOKEN", Files.readString(SlipwayStack.HOME.resolve("api-token")).strip());
        Process process = builder.start();
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new IllegalStateException("slip " + String.join(" ", args) + " did not end");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.delete(out);
            Files.delete(err);
        }
    }
}
