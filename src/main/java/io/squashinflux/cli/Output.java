package io.squashinflux.cli;

import io.squashinflux.ledger.Summary;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import picocli.CommandLine;

/** Prints an end summary: JSON on stdout with --json, text on stderr unless --quiet. */
final class Output {
  private static final ObjectMapper JSON = new ObjectMapper();

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
    summary(cli, report, summary, null, null);
  }

  /**
   * The summary with a first line saying where it was written ({@code target}, or none), and in
   * JSON {@code target} and {@code influx_api} ({@code v1}, {@code v2}, {@code v3}).
   */
  static void summary(CommandLine cli, ReportOptions report, Summary summary, String target,
      String api) {
    if (report.json) {
      cli.getOut().println(target == null ? summary.toJson() : withTarget(summary, target, api));
      cli.getOut().flush();
    }
    if (!report.quiet) {
      if (target != null) {
        cli.getErr().println("target: " + target);
      }
      cli.getErr().print(summary.render());
      cli.getErr().flush();
    }
  }

  private static String withTarget(Summary summary, String target, String api) {
    try {
      ObjectNode json = (ObjectNode) JSON.readTree(summary.toJson());
      json.put("target", target).put("influx_api", api);
      return json.toString();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("the summary is not JSON", e);
    }
  }
}
