package io.squashinflux.cli;

import io.squashinflux.failure.UserError;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
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
 * Option defaults from a properties file whose keys are long option names without dashes. It
 * applies only to commands that take {@code --config}; an environment variable an option reads
 * wins over the file, and a key that names no option is an error, so a typo is never ignored.
 */
final class ConfigFile implements CommandLine.IDefaultValueProvider {
  private static final Pattern ENV_DEFAULT = Pattern.compile("^\\$\\{env:([A-Za-z0-9_]+)");
  /** Keys that must not be in a file, with the environment variable to use instead. */
  private static final java.util.Map<String, String> SECRETS = java.util.Map.of(
      "influx-password", "INFLUX_PASSWORD", "password", "INFLUX_PASSWORD",
      "influx-token", "INFLUX_TOKEN", "token", "INFLUX_TOKEN");

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
    Properties values = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      values.load(reader);
    } catch (NoSuchFileException e) {
      throw new UserError("--config " + file + ": no such file");
    } catch (IOException | IllegalArgumentException e) {
      throw new UserError("--config " + file + ": cannot read it: " + e.getMessage());
    }
    Set<String> known = new TreeSet<>();
    for (CommandSpec command : configurable(root)) {
      for (OptionSpec option : command.options()) {
        known.add(key(option));
      }
    }
    for (String key : values.stringPropertyNames()) {
      if (SECRETS.containsKey(key)) {
        throw new UserError("--config " + file + ": '" + key + "' must not be in a file;"
            + " set the environment variable " + SECRETS.get(key) + " instead");
      }
      if (!known.contains(key)) {
        throw new UserError("--config " + file + ": '" + key + "' is not an option; keys are"
            + " long option names without dashes, e.g. influx-url, db, squash-url");
      }
    }
    return new ConfigFile(values);
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
