package org.gleaner.cli.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Turns a configuration file into the options it stands for, for one command: each key names a long option;
 * an option also given on the command line keeps the command line's value. Values go through picocli's own
 * parsing afterwards, exactly as if typed, so a file cannot do anything the command line could not.
 */
public final class ConfigArguments {
    private static final Set<String> NOT_CONFIGURABLE = Set.of(ConfigOption.NAME, "--help", "--version");

    private ConfigArguments() {
    }

    /**
     * The options to add for {@code file}, given the tokens typed after the command's name.
     * Multi-value options take a comma-separated list; flags take true or false.
     */
    public static List<String> expand(CommandSpec command, ConfigFile file, List<String> typed) throws ConfigException {
        Map<String, OptionSpec> byKey = optionsByKey(command);
        Set<OptionSpec> onCommandLine = optionsOnCommandLine(command, typed);
        List<String> arguments = new ArrayList<>();
        for (Map.Entry<String, String> entry : file.entries().entrySet()) {
            String key = entry.getKey();
            OptionSpec option = byKey.get(key);
            if (option == null) {
                throw new ConfigException(file.path() + ": unknown key '" + key + "' (not an option of "
                        + command.qualifiedName() + "; keys are its long option names without the dashes)");
            }
            if (onCommandLine.contains(option)) {
                continue;
            }
            String name = "--" + key;
            String value = entry.getValue();
            if (option.arity().max() == 0) {
                if (!value.equals("true") && !value.equals("false")) {
                    throw new ConfigException(file.path() + ": key '" + key + "' takes true or false");
                }
                if (value.equals("true")) {
                    arguments.add(name);
                }
            } else if (option.isMultiValue()) {
                for (String item : value.split(",")) {
                    if (!item.isBlank()) {
                        arguments.add(name + "=" + item.strip());
                    }
                }
            } else {
                arguments.add(name + "=" + value);
            }
        }
        return arguments;
    }

    /** Keys are long option names without the leading dashes; the config option itself, help and version are not keys. */
    static Map<String, OptionSpec> optionsByKey(CommandSpec command) {
        Map<String, OptionSpec> byKey = new LinkedHashMap<>();
        for (OptionSpec option : command.options()) {
            if (option.usageHelp() || option.versionHelp()) {
                continue;
            }
            for (String name : option.names()) {
                if (name.startsWith("--") && !NOT_CONFIGURABLE.contains(name)) {
                    byKey.put(name.substring(2), option);
                }
            }
        }
        return byKey;
    }

    private static Set<OptionSpec> optionsOnCommandLine(CommandSpec command, List<String> typed) {
        Set<OptionSpec> given = new HashSet<>();
        for (String token : typed) {
            if (token.equals("--")) {
                break;
            }
            if (token.startsWith("-")) {
                int equals = token.indexOf('=');
                OptionSpec option = command.findOption(equals < 0 ? token : token.substring(0, equals));
                if (option != null) {
                    given.add(option);
                }
            }
        }
        return given;
    }
}
