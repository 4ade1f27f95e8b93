package dev.slipway.api.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.slipway.api.Setting;
import dev.slipway.api.StageException;
import dev.slipway.api.Strategy;
import dev.slipway.api.config.Names;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * What every strategy owes the host, whatever its kind: a name configuration can use, settings it
 * can describe, and a service file the worker finds it by. The contracts of each kind extend this.
 *
 * @param <S> the kind's interface
 */
public abstract class StrategyContract<S extends Strategy> {

    private final Class<S> kind;

    protected StrategyContract(Class<S> kind) {
        this.kind = kind;
    }

    /** A new instance of the strategy under test, as the worker's service loader would make it. */
    protected abstract S strategy();

    /** The settings the tests run with: the strategy's defaults, plus what {@link #settings()} adds. */
    protected final Map<String, String> effectiveSettings() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (Setting setting : strategy().settings()) {
            if (setting.defaultValue() != null) {
                settings.put(setting.key(), setting.defaultValue());
            }
        }
        settings.putAll(settings());
        return settings;
    }

    /** Settings the tests need besides the defaults (a path on this machine, a free port); none by default. */
    protected Map<String, String> settings() {
        return Map.of();
    }

    /**
     * Whether the worker finds the strategy with {@link ServiceLoader}, as it finds a Java plugin's;
     * false for one it finds otherwise (an executable plugin's, which its {@code info} answer lists).
     */
    protected boolean foundByServiceLoader() {
        return true;
    }

    /** Asserts that {@code work} fails as a stage fails: a {@link StageException} that says what went wrong. */
    protected static void assertFailsWithAReason(Executable work) {
        StageException failure = assertThrows(StageException.class, work);
        assertFalse(failure.getMessage() == null || failure.getMessage().isBlank(), "the failure says what went wrong");
    }

    @Test
    void itsNameIsOneConfigurationCanUse() {
        String name = strategy().name();
        assertTrue(name != null && Names.STRATEGY.matcher(name).matches(),
                "the name \"" + name + "\" must be a lower-case name of at most 63 letters, digits and '-'");
    }

    @Test
    void itsNameAndPriorityDoNotChange() {
        assertEquals(strategy().name(), strategy().name());
        assertEquals(strategy().priority(), strategy().priority());
    }

    @Test
    void itsSettingsHaveDistinctKeys() {
        Set<String> keys = new HashSet<>();
        for (Setting setting : strategy().settings()) {
            assertTrue(keys.add(setting.key()), "the setting " + setting.key() + " is declared twice");
        }
    }

    @Test
    void theServiceLoaderFindsIt() {
        assumeTrue(foundByServiceLoader(), "the worker does not find it by its service loader");
        Class<?> type = strategy().getClass();
        assertTrue(ServiceLoader.load(kind, type.getClassLoader()).stream().anyMatch(p -> p.type() == type),
                type.getName() + " must be listed in META-INF/services/" + kind.getName());
    }
}
