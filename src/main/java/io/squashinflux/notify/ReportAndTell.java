package io.squashinflux.notify;

import io.squashinflux.detect.Finding;
import io.squashinflux.failure.UserError;
import io.squashinflux.influx.InfluxTarget;
import io.squashinflux.ledger.Summary;
import io.squashinflux.net.HttpSettings;
import io.squashinflux.report.ReportRun;
import io.squashinflux.report.TrendReport;
import io.squashinflux.retry.Backoff;
import io.squashinflux.retry.Retrier;
import io.squashinflux.series.SeriesException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;

/**
 * One trend report and what follows it, for {@code report} and {@code watch --report}: the page
 * and its JSON ({@link ReportRun}), then the annotations, then the webhook. {@code --since}
 * narrows what is listed and told, never what detection reads.
 */
public final class ReportAndTell {
  /** What a run found and told; {@code notified} is null without a webhook. */
  public record Outcome(ReportRun report, TrendReport.Result result,
      List<Annotator.Result> annotated, String annotateFailure, Notifier.Result notified,
      String webhookOrigin) {

    /** The report's lines on stdout, problems on stderr; the exit code of {@code report}. */
    public int print(PrintWriter out, PrintWriter err, boolean failOnRegression) {
      report.print(out, result);
      if (!annotated.isEmpty()) {
        out.printf("Annotated:   %d findings in database chronograf (%d marked deleted) and in"
            + " measurement %s (%d marked deleted)%n", annotated.get(0).written(),
            annotated.get(0).deleted(), FindingPoints.MEASUREMENT, annotated.get(1).deleted());
      }
      if (notified != null && !notified.failed()) {
        out.printf("Notified:    %d new findings to the webhook at %s%n", notified.sent(),
            webhookOrigin);
      }
      out.flush();
      boolean failed = false;
      if (annotateFailure != null) {
        err.println("squash-influx: annotations not written: " + annotateFailure);
        failed = true;
      }
      if (notified != null && notified.failed()) {
        err.println("squash-influx: " + notified.failure() + "; " + notified.pending()
            + " findings are sent by the next run");
        failed = true;
      }
      List<Finding> unknown = result.unknownDirection();
      if (!unknown.isEmpty()) {
        err.println("squash-influx: no direction is known for " + unknown.size()
            + (unknown.size() == 1 ? " sustained change" : " sustained changes")
            + " (no spec says which way is worse); give --specs or --squash-url"
            + (failOnRegression ? "; --fail-on-regression counts them as failures" : ""));
      }
      err.flush();
      boolean found = !result.regressions().isEmpty() || !unknown.isEmpty();
      return failed || failOnRegression && found ? Summary.INCOMPLETE : Summary.OK;
    }
  }

  private final InfluxTarget target;
  private final BiFunction<Path, Path, ReportRun> reports;
  private final Telling telling;
  private final Clock clock;

  /** {@code reports} makes the report of a page and a findings file (or null for none). */
  public ReportAndTell(InfluxTarget target, BiFunction<Path, Path, ReportRun> reports,
      Telling telling, Clock clock) {
    this.target = target;
    this.reports = reports;
    this.telling = telling;
    this.clock = clock;
  }

  public Outcome run(Path output, Path json) throws IOException, InterruptedException {
    ReportRun report = reports.apply(output, json);
    TrendReport.Result result;
    try {
      result = report.write();
    } catch (SeriesException e) {
      throw new UserError(e.getMessage());
    }
    Scope scope = new Scope(report.measurements(), report.since());
    List<Annotator.Result> annotated = List.of();
    String annotateFailure = null;
    if (telling.annotate()) {
      List<Finding> all = new ArrayList<>(result.regressions());
      all.addAll(result.changes());
      try { // the webhook is told even when InfluxDB refuses the annotations
        annotated = new Annotator(target, Retrier.system(Backoff.DEFAULT), clock)
            .annotate(all, scope);
      } catch (IOException | io.squashinflux.influx.QueryException e) {
        annotateFailure = e.getMessage();
      }
    }
    if (telling.webhook() == null) {
      return new Outcome(report, result, annotated, annotateFailure, null, null);
    }
    Webhook webhook = new Webhook(telling.webhook(), HttpSettings.defaults()
        .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30)), telling.retrier());
    Notifier.Result told = new Notifier(webhook, telling.format(), telling.ledger(),
        report.source()).notify(result, scope);
    return new Outcome(report, result, annotated, annotateFailure, told, webhook.origin());
  }
}
