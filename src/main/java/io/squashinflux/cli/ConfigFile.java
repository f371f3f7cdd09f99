package io.squashinflux.cli;

import io.squashinflux.files.OptionFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Option defaults from a {@link OptionFile}. It applies only to commands that take
 * {@code --config}; an environment variable an option reads wins over the file.
 */
final class ConfigFile implements CommandLine.IDefaultValueProvider {
  private static final Pattern ENV_DEFAULT = Pattern.compile("^\\$\\{env:([A-Za-z0-9_]+)");
  private final Properties values;

  private ConfigFile(Properties values) {
    this.values = values;
  }

  /** The file named by --config in these arguments, or by the environment; null for none. */
  static Path named(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals(ConfigOptions.OPTION) && i + 1 < args.length) {
        return Path.of(args[i + 1]);
      }
      if (args[i].startsWith(ConfigOptions.OPTION + "=")) {
        return Path.of(args[i].substring(ConfigOptions.OPTION.length() + 1));
      }
    }
    String fromEnvironment = System.getenv(ConfigOptions.ENVIRONMENT);
    return fromEnvironment == null || fromEnvironment.isBlank() ? null : Path.of(fromEnvironment);
  }

  /** Reads and checks the file against the options of the commands that take --config. */
  static ConfigFile load(Path file, CommandLine root) {
    Set<String> known = new TreeSet<>();
    for (CommandSpec command : configurable(root)) {
      for (OptionSpec option : command.options()) {
        known.add(key(option));
      }
    }
    return new ConfigFile(OptionFile.load(file, known));
  }

  @Override
  public String defaultValue(ArgSpec arg) {
    if (!(arg instanceof OptionSpec option) || option.command().findOption(ConfigOptions.OPTION) == null) {
      return null;
    }
    String value = values.getProperty(key(option));
    if (value == null) {
      return null;
    }
    Matcher env = ENV_DEFAULT.matcher(option.defaultValue() == null ? "" : option.defaultValue());
    if (env.find() && System.getenv(env.group(1)) != null) {
      return null;
    }
    return value.strip();
  }

  private static List<CommandSpec> configurable(CommandLine root) {
    List<CommandSpec> out = new ArrayList<>();
    for (CommandLine sub : root.getSubcommands().values()) {
      if (sub.getCommandSpec().findOption(ConfigOptions.OPTION) != null) {
        out.add(sub.getCommandSpec());
      }
      out.addAll(configurable(sub));
    }
    return out;
  }

  /** The option's longest name without its leading dashes. */
  private static String key(OptionSpec option) {
    return option.longestName().replaceFirst("^-+", "");
  }
}
