package dev.slipway.api.config;

/** An app's configuration is wrong. The message names the file, the line and key, and what is allowed. */
public class ConfigException extends Exception {

    public ConfigException(String message) {
        super(message);
    }
}
