package dev.slipway.api.event;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** CloudEvents type names of the pipeline's messages, and the record class of each. */
public final class EventTypes {

    public static final String PREFIX = "dev.slipway.";

    private static final Map<String, Class<? extends SlipwayEvent>> BY_TYPE =
            Stream.of(Command.class, StageEvent.class, DeploymentEvent.class, ProcessEvent.class)
                    .flatMap(family -> Arrays.stream(family.getPermittedSubclasses()))
                    .map(c -> c.asSubclass(SlipwayEvent.class))
                    .collect(Collectors.toUnmodifiableMap(c -> PREFIX + c.getSimpleName(), Function.identity()));

    private EventTypes() {
    }

    public static String typeOf(Class<?> eventClass) {
        return PREFIX + eventClass.getSimpleName();
    }

    public static Optional<Class<? extends SlipwayEvent>> classOf(String type) {
        return Optional.ofNullable(BY_TYPE.get(type));
    }

    /** Whether a fact of this type ends a deployment: nothing follows it. */
    public static boolean isTerminal(String type) {
        return type.equals(typeOf(DeploymentSucceeded.class)) || type.equals(typeOf(DeploymentFailed.class))
                || type.equals(typeOf(DeploymentCancelled.class));
    }
}
