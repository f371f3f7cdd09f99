package io.squashinflux.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --config FILE}: option values from a properties file, for long-running use. Main reads
 * the file before parsing (see {@link ConfigFile}); this mixin makes the option known and shown.
 */
final class ConfigOptions {
  static final String OPTION = "--config";
  static final String ENVIRONMENT = "SQUASH_INFLUX_CONFIG";

  @Option(names = OPTION, paramLabel = "FILE", defaultValue = "${env:" + ENVIRONMENT + "}",
      description = "Properties file of option values (env " + ENVIRONMENT + "; default: none):"
          + " one 'name=value' a line, named like the long options without dashes"
          + " (influx-url=..., db=..., squash-url=...). The command line wins over the"
          + " environment, which wins over the file. Passwords only from the environment.")
  Path file;
}
