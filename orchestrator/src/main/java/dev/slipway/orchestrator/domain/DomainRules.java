package dev.slipway.orchestrator.domain;

import dev.slipway.orchestrator.app.AppNames;

/**
 * Which domains an app may put in {@code [proxy] domains}, whatever other apps hold. Every app
 * answers to {@code <app>.<base>} and may use the names under it; the base domain is Slipway's;
 * localhost names and IP literals point at machines, not at one app. Domains come normalised by
 * the config parser (lower case, no trailing dot). Pure: no database.
 */
public final class DomainRules {

    private final String base;

    public DomainRules(String baseDomain) {
        this.base = normalise(baseDomain);
    }

    /** Why {@code app} may not claim {@code domain}, or {@code null} when it may. */
    public String problem(String app, String domain) {
        String d = normalise(domain);
        if (d.equals(base)) {
            return "is the base domain, held by Slipway itself: apps answer to <app>." + base;
        }
        if (d.endsWith("." + base)) {
            String rest = d.substring(0, d.length() - base.length() - 1);
            String owner = rest.substring(rest.lastIndexOf('.') + 1);
            if (AppNames.RESERVED.contains(owner)) {
                return "is reserved for Slipway itself (" + owner + "." + base + ")";
            }
            return owner.equals(app) ? null
                    : "is held by app \"" + owner + "\" (every app answers to <app>." + base + " and the names under it)";
        }
        if (isIpLiteral(d)) {
            return "is an IP address, not a host name: it reaches the server itself, not one app";
        }
        if (d.equals("localhost") || d.endsWith(".localhost")) {
            return "is a localhost name: it points at the machine itself, not at one app";
        }
        return null;
    }

    /** A dotted-decimal (or bare number) address: no top-level domain is all digits (RFC 3696). */
    private static boolean isIpLiteral(String d) {
        String last = d.substring(d.lastIndexOf('.') + 1);
        return d.contains(":") || (!last.isEmpty() && last.chars().allMatch(Character::isDigit))
                || last.startsWith("0x");
    }

    private static String normalise(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        return lower.endsWith(".") ? lower.substring(0, lower.length() - 1) : lower;
    }
}
