package io.squashinflux.files;

import io.squashinflux.failure.UserError;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * A file of option values ({@code --config}): properties whose keys are long option names
 * without dashes. A key that names no option is an error, so a typo is never ignored, and a
 * password or token is refused: secrets come from the environment only.
 */
public final class OptionFile {
  /** Keys that must not be in a file, with the environment variable to use instead. */
  private static final Map<String, String> SECRETS = Map.of(
      "influx-password", "INFLUX_PASSWORD", "password", "INFLUX_PASSWORD",
      "influx-token", "INFLUX_TOKEN", "token", "INFLUX_TOKEN");

  private OptionFile() {}

  /** The file's values, each key checked to be one of {@code known}; mistakes are user errors. */
  public static Properties load(Path file, Set<String> known) {
    Properties values = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      values.load(reader);
    } catch (NoSuchFileException e) {
      throw new UserError("--config " + file + ": no such file");
    } catch (IOException | IllegalArgumentException e) {
      throw new UserError("--config " + file + ": cannot read it: " + e.getMessage());
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
    return values;
  }
}
