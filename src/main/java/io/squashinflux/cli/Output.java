package io.squashinflux.cli;

import io.squashinflux.report.Summary;
import picocli.CommandLine;

/** Prints an end summary: JSON on stdout with --json, text on stderr unless --quiet. */
final class Output {
  private Output() {}

  static void summary(CommandLine cli, ReportOptions report, Summary summary) {
    if (report.json) {
      cli.getOut().println(summary.toJson());
      cli.getOut().flush();
    }
    if (!report.quiet) {
      cli.getErr().print(summary.render());
      cli.getErr().flush();
    }
  }
}
