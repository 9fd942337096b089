package org.gleaner.cli.config;

/** A configuration file that cannot be used; the message is one line and never contains a secret value. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }
}
