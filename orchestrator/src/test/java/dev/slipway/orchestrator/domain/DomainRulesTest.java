package dev.slipway.orchestrator.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Domains an app tries to take from another app, from Slipway, or from the machine. */
class DomainRulesTest {

    private final DomainRules example = new DomainRules("apps.example.com");
    private final DomainRules local = new DomainRules("localhost");

    @ParameterizedTest
    @ValueSource(strings = {"shop.example.com", "example.org", "b.apps.example.com", "x.b.apps.example.com", "intranet"})
    void ownAndOutsideNamesAreFine(String domain) {
        assertNull(example.problem("b", domain));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a.apps.example.com|is held by app \"a\" (every app answers to <app>.apps.example.com and the names under it)",
            "deep.a.apps.example.com|is held by app \"a\" (every app answers to <app>.apps.example.com and the names under it)",
            "apps.example.com|is the base domain, held by Slipway itself: apps answer to <app>.apps.example.com",
            "APPS.example.com.|is the base domain, held by Slipway itself: apps answer to <app>.apps.example.com",
            "api.apps.example.com|is reserved for Slipway itself (api.apps.example.com)",
            "www.apps.example.com|is reserved for Slipway itself (www.apps.example.com)",
            "localhost|is a localhost name: it points at the machine itself, not at one app",
            "shop.localhost|is a localhost name: it points at the machine itself, not at one app",
            "127.0.0.1|is an IP address, not a host name: it reaches the server itself, not one app",
            "10.1.2.3|is an IP address, not a host name: it reaches the server itself, not one app",
            "2130706433|is an IP address, not a host name: it reaches the server itself, not one app",
            "0x7f.1|is an IP address, not a host name: it reaches the server itself, not one app",
            "a.1|is an IP address, not a host name: it reaches the server itself, not one app"})
    void hijacksAreRefusedNamingTheHolder(String domain, String problem) {
        assertEquals(problem, example.problem("b", domain));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "a.localhost|is held by app \"a\" (every app answers to <app>.localhost and the names under it)",
            "localhost|is the base domain, held by Slipway itself: apps answer to <app>.localhost",
            "slipway.localhost|is reserved for Slipway itself (slipway.localhost)"})
    void withTheLocalBaseDomainToo(String domain, String problem) {
        assertEquals(problem, local.problem("b", domain));
        assertNull(local.problem("b", "b.localhost"));
        assertNull(local.problem("b", "api.b.localhost"));
    }
}
