package dev.slipway.cli;

import dev.slipway.archive.ArchiveException;
import dev.slipway.cli.http.ApiException;
import dev.slipway.cli.http.UnreachableException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine;

/** Entry point of {@code slip}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(run(args, System.getenv(), out, err, Duration.ofMillis(500)));
    }

    /** Runs one command line and returns its exit code; what {@link #main} does, minus the process. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, Duration reconnectDelay) {
        Cli cli;
        try {
            cli = new Cli(Config.fromEnv(env), out, err, reconnectDelay);
        } catch (Config.Invalid e) {
            err.println("slip: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        CommandLine commandLine = new CommandLine(SlipCommand.class, new CliFactory(cli));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setParameterExceptionHandler((e, arguments) -> {
            PrintWriter writer = e.getCommandLine().getErr();
            writer.println("slip: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, writer);
            writer.print(e.getCommandLine().getUsageMessage());
            writer.flush();
            return ExitCodes.USAGE;
        });
        commandLine.setExecutionExceptionHandler((e, line, parsed) -> {
            err.println("slip: " + message(e));
            return e instanceof UnreachableException ? ExitCodes.USAGE : ExitCodes.FAILED;
        });
        return commandLine.execute(args);
    }

    private static String message(Exception e) {
        if (e instanceof ApiException || e instanceof UnreachableException || e instanceof ArchiveException) {
            return e.getMessage();
        }
        return e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }
}
