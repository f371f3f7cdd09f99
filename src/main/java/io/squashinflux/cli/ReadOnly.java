package io.squashinflux.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The commands that only read InfluxDB ({@code report}, {@code dashboards}) share the InfluxDB
 * options with the writers; the write side's options mean nothing there, so --help does not
 * list them (they are still accepted, so a config file shared with sync stays valid).
 */
final class ReadOnly {
  static final List<String> READERS = List.of("report", "dashboards");
  private static final List<String> WRITE_ONLY = List.of("--batch-lines", "--batch-bytes", "--gzip",
      "--no-gzip", "--no-create-db", "--create-bucket");

  private ReadOnly() {}

  static void strip(CommandLine cli) {
    for (String reader : READERS) {
      CommandLine sub = cli.getSubcommands().get(reader);
      if (sub == null) {
        continue;
      }
      CommandSpec spec = sub.getCommandSpec();
      for (String name : WRITE_ONLY) {
        OptionSpec option = spec.findOption(name);
        if (option != null) {
          spec.remove(option);
          spec.addOption(OptionSpec.builder(option).hidden(true).build());
        }
      }
    }
  }
}
