package dev.slipway.workers.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slipway.api.StageException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Looking an app's user up in passwd: only a user Slipway made, in its range, counts as the app's. */
class AppUsersTest {

    @TempDir
    Path dir;

    @Test
    void findsTheAppsUserAndRefusesOneSlipwayDidNotMake() throws Exception {
        Path passwd = dir.resolve("passwd");
        Files.writeString(passwd, String.join("\n",
                "root:x:0:0:root:/root:/bin/bash",
                "slip-shop-old:x:64010:64010:Slipway app shop-old:/h:/usr/sbin/nologin",
                "slip-shop:x:64001:64001:Slipway app shop:/srv/slipway/apps/shop/home:/usr/sbin/nologin",
                "slip-blog:x:1000:1000:Someone's own:/home/blog:/bin/bash",
                "slip-wiki:x:64002:nan:Slipway app wiki:/h:/usr/sbin/nologin", ""));
        AppUsers users = new AppUsers(AppUsers.APPS, 64000, 64999, passwd);

        assertEquals(Optional.of(new AppUser("slip-shop", 64001, 64001)), users.find("shop"),
                "the whole name, not a prefix of another's");
        assertEquals(Optional.empty(), users.find("news"));
        StageException notOurs = assertThrows(StageException.class, () -> users.find("blog"));
        assertTrue(notOurs.getMessage().contains("was not made by Slipway for app blog"), notOurs.getMessage());
        assertThrows(StageException.class, () -> users.find("wiki"), "a gid that is not a number");
    }

    @Test
    void aPasswdThatCannotBeReadIsSaidSo() {
        AppUsers users = new AppUsers(AppUsers.APPS, 64000, 64999, dir.resolve("missing"));

        StageException e = assertThrows(StageException.class, () -> users.find("shop"));

        assertTrue(e.getMessage().startsWith("cannot read " + dir.resolve("missing")), e.getMessage());
    }
}
