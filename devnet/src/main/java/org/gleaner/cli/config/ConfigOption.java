package org.gleaner.cli.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The {@code --config FILE} option of the long-running service commands, and the step that applies it:
 * the file's settings are added to the arguments before picocli parses them (so a required option may come
 * from the file), and options typed on the command line win.
 */
public final class ConfigOption {
    public static final String NAME = "--config";

    /** The commands that run a service, by their path below {@code gleaner}; those not built in yet are skipped. */
    public static final List<List<String>> SERVICE_COMMANDS = List.of(
            List.of("ledger", "serve"),
            List.of("coordinator", "serve"),
            List.of("node", "run"),
            List.of("builder", "serve"));

    private ConfigOption() {
    }

    /** Adds {@code --config} to each of {@code serviceCommands} (paths below {@code root}) that is present. */
    public static void addTo(CommandLine root, List<List<String>> serviceCommands) {
        for (List<String> path : serviceCommands) {
            find(root, path).ifPresent(command -> command.getCommandSpec().addOption(OptionSpec.builder(NAME)
                    .paramLabel("FILE")
                    .type(Path.class)
                    .description("Read options from this file: one 'long-option-name = value' per line (lists comma-separated, "
                            + "flags true/false); options on the command line win. See docs/deploy.md.")
                    .build()));
        }
    }

    /** Whether {@code command} takes {@code --config}. */
    public static boolean accepts(CommandSpec command) {
        return command.findOption(NAME) != null;
    }

    /**
     * The arguments with the configuration file's settings added, or the arguments unchanged when no
     * service command with {@code --config} is being run.
     */
    public static Applied apply(CommandLine root, String[] args) throws ConfigException {
        CommandLine command = root;
        int position = 0;
        while (position < args.length && command.getSubcommands().containsKey(args[position])) {
            command = command.getSubcommands().get(args[position]);
            position++;
        }
        List<String> typed = List.of(args).subList(position, args.length);
        if (!accepts(command.getCommandSpec())) {
            return new Applied(args, null);
        }
        Path file = configPath(typed);
        if (file == null) {
            return new Applied(args, null);
        }
        ConfigFile config = ConfigFile.read(file);
        List<String> expanded = new ArrayList<>(List.of(args).subList(0, position));
        expanded.addAll(ConfigArguments.expand(command.getCommandSpec(), config, typed));
        expanded.addAll(typed);
        return new Applied(expanded.toArray(String[]::new), config);
    }

    private static Path configPath(List<String> typed) throws ConfigException {
        Path found = null;
        for (int i = 0; i < typed.size(); i++) {
            String token = typed.get(i);
            if (token.equals("--")) {
                break;
            }
            String value = null;
            if (token.equals(NAME)) {
                if (i + 1 >= typed.size()) {
                    return null; // picocli reports the missing value
                }
                value = typed.get(++i);
            } else if (token.startsWith(NAME + "=")) {
                value = token.substring(NAME.length() + 1);
            }
            if (value != null) {
                if (found != null) {
                    throw new ConfigException(NAME + " given twice; use one file per service");
                }
                found = Path.of(value);
            }
        }
        return found;
    }

    private static Optional<CommandLine> find(CommandLine root, List<String> path) {
        CommandLine command = root;
        for (String name : path) {
            command = command.getSubcommands().get(name);
            if (command == null) {
                return Optional.empty();
            }
        }
        return Optional.of(command);
    }

    /** The arguments to parse, and the configuration file they came from (null without one). */
    public record Applied(String[] args, ConfigFile config) {
        /** Values that must never be shown: those of secret keys in the file. */
        public List<String> secretValues() {
            if (config == null) {
                return List.of();
            }
            return config.entries().entrySet().stream()
                    .filter(e -> ConfigFile.isSecretKey(e.getKey()) && !e.getValue().isEmpty())
                    .map(java.util.Map.Entry::getValue)
                    .toList();
        }
    }
}
