package dev.slipway.archive;

import static dev.slipway.archive.TarBuilder.tar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each hostile archive is refused by inspect and by extract, with its reason, and nothing is written. */
class RefusalTest {

    @TempDir
    Path tmp;

    static Stream<Arguments> hostileArchives() {
        return Stream.of(
                refused("archive entry \"../etc/passwd\" escapes the source tree",
                        tar().file("ok.txt", "ok").file("../etc/passwd", "root::0:0::/:/bin/sh")),
                refused("archive entry \"src/../../x\" escapes the source tree", tar().file("src/../../x", "x")),
                refused("archive entry \"../\" escapes the source tree", tar().dir("../")),
                refused("archive entry \"/abs\" is an absolute path", tar().file("/abs", "x")),
                refused("archive entry \"link\" is a link to \"../../x\" outside the source tree", tar().symlink("link", "../../x")),
                refused("archive entry \"a/b/link\" is a link to \"../../../x\" outside the source tree",
                        tar().dir("a/b").symlink("a/b/link", "../../../x")),
                refused("archive entry \"etc\" is a link to \"/etc\" outside the source tree", tar().symlink("etc", "/etc")),
                refused("archive entry \"hard\" is a link to \"../x\" outside the source tree", tar().hardLink("hard", "../x")),
                refused("archive entry \"hard\" is a link to \"/etc/passwd\" outside the source tree",
                        tar().hardLink("hard", "/etc/passwd")),
                refused("archive entry \"hard\" is a hard link to \"missing\", which is not a file earlier in the archive",
                        tar().hardLink("hard", "missing")),
                refusedType("dev/null", "a character device (tar type '3')", TarConstants.LF_CHR),
                refusedType("disk", "a block device (tar type '4')", TarConstants.LF_BLK),
                refusedType("pipe", "a FIFO (tar type '6')", TarConstants.LF_FIFO),
                refusedType("contig", "a contiguous file (tar type '7')", TarConstants.LF_CONTIG),
                refusedType("dump", "a GNU dump directory (tar type 'D')", (byte) 'D'),
                refusedType("cont", "a multi-volume continuation (tar type 'M')", (byte) 'M'),
                refusedType("old-long", "an old GNU long-name entry (tar type 'N')", (byte) 'N'),
                refusedType("sparse", "a sparse file (tar type 'S')", TarConstants.LF_GNUTYPE_SPARSE),
                refusedType("volume", "a volume header (tar type 'V')", (byte) 'V'),
                refused("archive entry \"pax-sparse\" is a sparse file (tar type '0'); only files, directories and links"
                        + " inside the tree are allowed", tar().paxSparse("pax-sparse")),
                refusedType("acl", "of an unknown kind (tar type 'A')", (byte) 'A'),
                refusedType("future", "of an unknown kind (tar type 'z')", (byte) 'z'),
                // A symlink, then a file written through it: refused, whether the link leads out or stays in.
                refused("archive entry \"out\" is a link to \"../outside\" outside the source tree",
                        tar().symlink("out", "../outside").file("out/evil.txt", "pwned")),
                refused("archive entry \"in/evil.txt\" is inside \"in\", which is a symlink (only directories can hold entries)",
                        tar().dir("sub").symlink("in", "sub").file("in/evil.txt", "x")),
                refused("archive entry \"in\" is a symlink but earlier entries are inside it",
                        tar().file("in/evil.txt", "x").symlink("in", "sub")),
                // Each link stays inside on its own, but q goes through p (the root) and then up.
                refused("archive entry \"q\" is a link to \"p/../x\" outside the source tree",
                        tar().symlink("p", ".").symlink("q", "p/../x")),
                refused("archive entry \"q\" is a link to \"p/../x\" outside the source tree",
                        tar().symlink("q", "p/../x").symlink("p", ".")),
                refused("archive entry \"a\" is a link that loops or goes through more than 40 links",
                        tar().symlink("a", "b").symlink("b", "a")),
                refused("archive entry \"f/x\" is inside \"f\", which is a file (only directories can hold entries)",
                        tar().file("f", "x").file("f/x", "y")),
                refused("archive entry \"./twice\" appears twice in the archive", tar().file("twice", "1").file("./twice", "2")));
    }

    private static Arguments refusedType(String name, String what, byte type) {
        return refused("archive entry \"" + name + "\" is " + what
                + "; only files, directories and links inside the tree are allowed", tar().file("ok.txt", "ok").special(name, type));
    }

    private static Arguments refused(String message, TarBuilder archive) {
        return Arguments.of(message, archive.build());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileArchives")
    void inspectRefuses(String message, byte[] archive) {
        ArchiveException e = assertThrows(ArchiveException.class, () -> SourceArchive.inspect(
                new ByteArrayInputStream(archive), Limits.DEFAULT, Set.of("slipway.toml", ".env")));
        assertEquals(message, e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileArchives")
    void extractRefusesAndWritesNothing(String message, byte[] archive) throws IOException {
        Path box = Files.createDirectories(tmp.resolve("box"));
        Path outside = Files.createDirectories(tmp.resolve("box/outside"));
        Path file = Files.write(tmp.resolve("app.tar.gz"), archive);
        Path target = box.resolve("target");
        Set<String> before = listing(tmp);

        ArchiveException e = assertThrows(ArchiveException.class, () -> SourceArchive.extract(file, target, Limits.DEFAULT));

        assertEquals(message, e.getMessage());
        assertEquals(before, listing(tmp));
        assertFalse(Files.exists(tmp.resolve("x")));
        assertEquals(0, listing(outside).size() - 1);
    }

    private static Set<String> listing(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.map(p -> dir.relativize(p).toString()).collect(Collectors.toSet());
        }
    }
}
