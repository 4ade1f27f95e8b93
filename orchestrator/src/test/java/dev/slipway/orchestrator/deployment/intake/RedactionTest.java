package dev.slipway.orchestrator.deployment.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Credentials in git URLs, wherever they are and however the URL looks, never reach a message. */
class RedactionTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://user:tok@git.example.com/x.git|https://git.example.com/x.git",
            "https://user:tok@my_host.example/x.git|https://my_host.example/x.git",
            "https://tok@my_host.example:8443/x.git|https://my_host.example:8443/x.git",
            "https://us%40er:p@ss@host/x.git|https://host/x.git",
            "HTTPS://USER:TOK@HOST/x.git|HTTPS://HOST/x.git",
            "ssh://git:pw@host:22/x.git|ssh://host:22/x.git",
            "https://host/x.git?private_token=abc|https://host/x.git?private_token=***",
            "https://host/x.git?a=1&access_token=abc#frag|https://host/x.git?a=***&access_token=***#frag",
            "https://host/x.git|https://host/x.git",
            "git@github.com:o/r.git|git@github.com:o/r.git",
            "fatal: repository 'https://bot:s3cret@my_host/x.git/' not found|fatal: repository 'https://my_host/x.git/' not found",
            "fatal: unable to access 'https://h/x.git?private_token=abc': 403|fatal: unable to access 'https://h/x.git?private_token=***': 403"})
    void redacts(String text, String shown) {
        assertEquals(shown, Redaction.redact(text));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "https://user:tok@my_host.example/x.git|main|git https://my_host.example/x.git main",
            "https://host/x.git?private_token=abc||git https://host/x.git?private_token=***"})
    void describedSourcesAreRedactedToo(String url, String ref, String shown) {
        assertEquals(shown, GitSource.describe(new GitSource.Request(url, ref)));
    }

    @org.junit.jupiter.api.Test
    void nullStaysNull() {
        assertNull(Redaction.redact(null));
    }
}
