package dev.slipway.workers.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.slipway.api.StageException;
import org.junit.jupiter.api.Test;

class StorageRulesTest {

    private final StorageRules rules = new StorageRules(64, 1024, 16, 3);

    private static String refused(Executable check) {
        return assertThrows(StageException.class, check::run).getMessage();
    }

    private interface Executable {
        void run() throws StageException;
    }

    @Test
    void keysAreNonEmptyShortAndFreeOfControlCharacters() throws StageException {
        assertEquals("builds/app-1 ü ✓", rules.key("builds/app-1 ü ✓"));
        assertEquals("plugin storage: a key must not be empty", refused(() -> rules.key("")));
        assertEquals("plugin storage: a key must not be empty", refused(() -> rules.key(null)));
        assertEquals("plugin storage: key \"" + "k".repeat(40) + "…\" is 201 characters long; at most 200 are allowed",
                refused(() -> rules.key("k".repeat(201))));
        rules.key("k".repeat(200));
        assertEquals("plugin storage: key \"a\\u000ab\" holds a control character (U+000A) at position 1",
                refused(() -> rules.key("a\nb")));
        assertEquals("deployment metadata: key \"\\u0000\" holds a control character (U+0000) at position 0",
                refused(() -> rules.metadataKey("\0")));
    }

    @Test
    void aPrefixMayBeEmptyButFollowsTheKeyRulesOtherwise() throws StageException {
        assertEquals("", rules.prefix(""));
        assertEquals("", rules.prefix(null));
        assertEquals("builds/", rules.prefix("builds/"));
        assertEquals("plugin storage: prefix \"\\u001b[\" holds a control character (U+001B) at position 0",
                refused(() -> rules.prefix("\u001b[")));
    }

    @Test
    void aNumberTheDatabaseWouldPrintAsThousandsOfDigitsIsRefused() throws StageException {
        assertEquals("[1e300, -2.5E-300, 0.1]", rules.json("k", "[1e300, -2.5E-300, 0.1]"));
        assertEquals("plugin storage: the value of \"k\" holds the number 1E+131071, which is more than 1000 digits "
                + "written out; store it as a text", refused(() -> rules.json("k", "{\"a\": [1e131071]}")));
        assertEquals("plugin storage: the value of \"k\" holds the number 1E-5000, which is more than 1000 digits "
                + "written out; store it as a text", refused(() -> rules.json("k", "1e-5000")));
    }

    @Test
    void valuesAreOneJsonTextEach() throws StageException {
        for (String json : new String[] {"null", "true", "-1.5e3", "\"text\"", "[1, [2]]", " {\"a\": {\"b\": []}} "}) {
            assertEquals(json, rules.json("k", json));
        }
        assertEquals("plugin storage: the value of \"k\" is empty; store JSON such as null or \"\"",
                refused(() -> rules.json("k", "  ")));
        assertEquals("plugin storage: the value of \"k\" is missing; to remove a key, delete it",
                refused(() -> rules.json("k", null)));
        String notJson = refused(() -> rules.json("k", "{not json"));
        assertEquals(true, notJson.startsWith("plugin storage: the value of \"k\" is not JSON: ") && notJson.contains("line 1"),
                notJson);
        String twoValues = refused(() -> rules.json("k", "1 2"));
        assertEquals(true, twoValues.startsWith("plugin storage: the value of \"k\" is not JSON: "), twoValues);
        String twice = refused(() -> rules.json("k", "{\"a\": 1, \"a\": 2}"));
        assertEquals(true, twice.contains("Duplicate field 'a'"), twice);
        assertEquals(true, refused(() -> rules.json("k", "undefined")).contains("is not JSON"));
    }

    @Test
    void aValueHasALimitAndNoCharacterTheDatabaseCannotHold() {
        assertEquals("plugin storage: the value of \"k\" is 66 bytes; at most 64 are allowed (slipway.storage.max-value-bytes)",
                refused(() -> rules.json("k", "\"" + "x".repeat(64) + "\"")));
        assertEquals("plugin storage: the value of \"k\" is 66 bytes; at most 64 are allowed (slipway.storage.max-value-bytes)",
                refused(() -> rules.json("k", "\"" + "é".repeat(32) + "\"")), "bytes of UTF-8, not characters");
        for (String json : new String[] {"\"a\\u0000\"", "{\"\\u0000\": 1}", "[[\"\\u0000\"]]", "{\"a\": {\"b\": \"\\u0000\"}}"}) {
            assertEquals("plugin storage: the value of \"k\" holds the character U+0000, which cannot be stored",
                    refused(() -> rules.json("k", json)), json);
        }
    }

    @Test
    void metadataValuesAreShortTexts() throws StageException {
        assertEquals("any text\n", rules.metadata("k", "any text\n"));
        assertEquals("deployment metadata: the value of \"k\" is 17 bytes; at most 16 are allowed "
                + "(slipway.storage.max-metadata-bytes)", refused(() -> rules.metadata("k", "x".repeat(17))));
        assertEquals("deployment metadata: the value of \"k\" holds the character U+0000",
                refused(() -> rules.metadata("k", "a\0")));
        assertEquals("deployment metadata: the value of \"k\" is missing", refused(() -> rules.metadata("k", null)));
    }
}
