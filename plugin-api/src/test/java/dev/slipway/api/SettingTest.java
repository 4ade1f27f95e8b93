package dev.slipway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SettingTest {

    @Test
    void aValueIsCheckedAgainstItsType() {
        Setting port = new Setting("listen-port", Setting.Type.INTEGER, "8080", "port");
        assertNull(port.problem("38080"));
        assertEquals("is not a whole number", port.problem("eighty"));
        assertEquals("is not an absolute path", new Setting("prefix", Setting.Type.PATH, null, "root").problem("nginx"));
        assertEquals("is not true or false", new Setting("on", Setting.Type.BOOLEAN, "true", "x").problem("yes"));
    }

    @Test
    void aPluginCannotDeclareABadKeyOrADefaultOfTheWrongType() {
        assertThrows(IllegalArgumentException.class, () -> new Setting("Port_Range", Setting.Type.STRING, null, "x"));
        assertThrows(IllegalArgumentException.class, () -> new Setting("workers", Setting.Type.INTEGER, "two", "x"));
        assertThrows(IllegalArgumentException.class, () -> new Setting("token", Setting.Type.SECRET, "s3cret", "x"),
                "a secret's default would be shown to everyone");
    }
}
