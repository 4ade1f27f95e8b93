package dev.slipway.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One setting a plugin reads from {@link StageContext#config()}: the operator sets it as
 * {@code slipway.plugins.<plugin name>.<key>} (or {@code SLIPWAY_PLUGINS_<NAME>_<KEY>}). The host
 * reads exactly the settings a plugin declares in {@link Strategy#settings()}, fills in their
 * defaults and checks their type before the plugin is used; a plugin checks the meaning itself.
 *
 * @param key          lower-case, with '-' between words, e.g. {@code port-range}
 * @param type         what shape a value must have
 * @param defaultValue the value when the operator sets none; {@code null} = none, the key is absent
 * @param description  one line for the operator: what it does, and its unit
 */
public record Setting(String key, Type type, String defaultValue, String description) {

    private static final Pattern KEY = Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)*");

    /** The shapes a setting's value may have. */
    public enum Type {
        STRING(".*"),
        INTEGER("-?\\d{1,18}"),
        BOOLEAN("true|false"),
        /** An absolute path, e.g. {@code /var/lib/slipway/nginx}. */
        PATH("/.*"),
        /**
         * Text that must never be shown (a token, a password): the host masks its value in stage
         * logs and failure reasons, and it can have no default.
         */
        SECRET(".*");

        private final Pattern shape;

        Type(String shape) {
            this.shape = Pattern.compile(shape);
        }
    }

    public Setting {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("setting key \"" + key + "\" is not lower-case words joined by '-'");
        }
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        if (type == Type.SECRET && defaultValue != null) {
            throw new IllegalArgumentException("setting " + key + ": a secret has no default");
        }
        if (defaultValue != null && problem(type, defaultValue) != null) {
            throw new IllegalArgumentException("setting " + key + ": default \"" + defaultValue + "\" "
                    + problem(type, defaultValue));
        }
    }

    /** Why {@code value} is not a value of this setting, or {@code null} if it is. */
    public String problem(String value) {
        return problem(type, value);
    }

    private static String problem(Type type, String value) {
        return type.shape.matcher(value.strip()).matches() ? null
                : "is not " + switch (type) {
                    case STRING, SECRET -> "text";
                    case INTEGER -> "a whole number";
                    case BOOLEAN -> "true or false";
                    case PATH -> "an absolute path";
                };
    }
}
