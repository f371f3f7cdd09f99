package io.squashinflux.cli;

import io.squashinflux.report.Summary;
import picocli.CommandLine;

/** Prints an end summary: JSON on stdout with --json, text on stderr unless --quiet. */
final class Output {
  private Output() {}

  /**
   * With --json, the summary of a run that {@code e} ended (as far as it got, and the error), so
   * a script reads an outcome in every case; the error itself goes to stderr as usual.
   */
  static void failure(CommandLine cli, ReportOptions report, Summary summary, Exception e) {
    if (report.json && summary != null) {
      cli.getOut().println(summary.withError(Failures.message(e, false), Failures.code(e)).toJson());
      cli.getOut().flush();
    }
  }

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
