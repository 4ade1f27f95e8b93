package dev.slipway.workers.isolation;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the host's own programs are: only in the system's directories, never on an app's PATH. */
final class HostPrograms {

    private static final List<Path> SYSTEM_DIRS = List.of(Path.of("/usr/bin"), Path.of("/bin"), Path.of("/usr/sbin"),
            Path.of("/sbin"));

    private HostPrograms() {
    }

    /** The absolute path of {@code name}; the bare name when the system has none (the start then fails, saying so). */
    static String find(String name) {
        return SYSTEM_DIRS.stream().map(dir -> dir.resolve(name)).filter(Files::isExecutable).findFirst()
                .map(Path::toString).orElse(name);
    }
}
