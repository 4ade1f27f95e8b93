package dev.slipway.workers.isolation;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * An app's secret values, to be masked wherever its output is shown or kept: stage logs, failure
 * reasons, its processes' log files. Output is read line by line, so each line of a multi-line
 * value (a PEM key) is masked on its own too.
 *
 * @param needles what to replace, longest first, so a secret that contains another is masked whole
 */
public record SecretMask(List<String> needles) {

    public static final String MASK = "****";
    public static final SecretMask NONE = new SecretMask(List.of());
    /** Shorter values would mask ordinary words. */
    static final int MIN_MASKED = 4;

    public SecretMask {
        needles = List.copyOf(needles);
    }

    public static SecretMask of(Collection<String> secrets) {
        Set<String> needles = new LinkedHashSet<>();
        for (String secret : secrets) {
            needles.add(secret);
            for (String line : secret.split("\\R")) {
                needles.add(line);
                needles.add(line.strip());
            }
        }
        return new SecretMask(needles.stream().filter(n -> n.length() >= MIN_MASKED)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList());
    }

    public String mask(String text) {
        String masked = text;
        for (String needle : needles) {
            masked = masked.replace(needle, MASK);
        }
        return masked;
    }

    public boolean isEmpty() {
        return needles.isEmpty();
    }
}
