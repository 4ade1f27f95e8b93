package dev.slipway.orchestrator.stream;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint that streams what its path names ({@link Subject}): {@link StreamSubjects}
 * answers 404 for one that does not exist before the stream starts, as once an event stream has
 * begun its status has been sent.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface LiveStream {

    Subject value();

    /** What a stream follows, and the path parameter that names it. */
    enum Subject {
        DEPLOYMENT("id"), APP("app");

        final String parameter;

        Subject(String parameter) {
            this.parameter = parameter;
        }
    }
}
