package io.squashinflux.cli;

import io.squashinflux.detect.Finding;
import io.squashinflux.influx.InfluxQuery;
import io.squashinflux.influx.InfluxTarget;
import io.squashinflux.net.HttpSettings;
import io.squashinflux.notify.Annotator;
import io.squashinflux.notify.Notifier;
import io.squashinflux.notify.Scope;
import io.squashinflux.notify.Webhook;
import io.squashinflux.report.ReportJson;
import io.squashinflux.report.ReportPage;
import io.squashinflux.report.TrendReport;
import io.squashinflux.retry.Backoff;
import io.squashinflux.retry.Retrier;
import io.squashinflux.series.ReadModel;
import io.squashinflux.series.SeriesException;
import io.squashinflux.specs.Specs;
import java.io.IOException;
import java.net.URI;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One trend report and what follows it, for {@code report} and {@code watch --report}: the page
 * and its JSON (each replaced whole, so a reader never sees half of one), then the annotations,
 * then the webhook. {@code --since} narrows what is listed, never what detection reads.
 */
final class ReportRun {
  /** What a run found and told; {@code notified} is null without a webhook. */
  record Outcome(TrendReport.Result result, List<Annotator.Result> annotated,
      String annotateFailure, Notifier.Result notified, String webhookOrigin) {}

  private final InfluxTarget target;
  private final ReadModel model;
  private final Specs specs;
  private final DetectionOptions detection;
  private final NotifyOptions notify;
  private final Clock clock;

  ReportRun(InfluxTarget target, ReadModel model, Specs specs, DetectionOptions detection,
      NotifyOptions notify, Clock clock) {
    this.target = target;
    this.model = model;
    this.specs = specs;
    this.detection = detection;
    this.notify = notify;
    this.clock = clock;
    detection.settings(); // a bad setting is told before anything is read
    notify.webhook();
    notify.since(clock);
  }

  /** Where the data is, as the page and the message name it. */
  String source() {
    return "InfluxDB " + target.url() + ", database " + target.database() + ", mapping "
        + model.mapping().name();
  }

  Outcome run(Path output, Path json) throws IOException, InterruptedException {
    long since = notify.since(clock);
    Path charts = Files.createTempFile("squash-report-", ".charts");
    try {
      TrendReport.Result result;
      try {
        result = since(new TrendReport(new InfluxQuery(target), model, specs, detection.settings(),
            detection.maxPoints).run(detection.measurements, charts), since);
      } catch (SeriesException e) {
        throw new UserError(e.getMessage());
      }
      TrendReport.Result shown = result;
      replace(output, file -> ReportPage.write(shown, source(), charts, file));
      if (json != null) {
        replace(json, file -> ReportJson.write(shown, file));
      }
      Scope scope = new Scope(detection.measurements, since);
      List<Annotator.Result> annotated = List.of();
      String annotateFailure = null;
      if (notify.annotate) {
        List<Finding> all = new ArrayList<>(result.regressions());
        all.addAll(result.changes());
        try { // the webhook is told even when InfluxDB refuses the annotations
          annotated = new Annotator(target, Retrier.system(Backoff.DEFAULT), clock)
              .annotate(all, scope);
        } catch (IOException | io.squashinflux.influx.QueryException e) {
          annotateFailure = e.getMessage();
        }
      }
      URI url = notify.webhook();
      if (url == null) {
        return new Outcome(result, annotated, annotateFailure, null, null);
      }
      Webhook webhook = new Webhook(url, HttpSettings.defaults()
          .withTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30)), notify.retrier());
      Notifier.Result told = new Notifier(webhook, notify.format,
          notify.ledger(target.url().toString(), target.database(), model.mapping().name()),
          source()).notify(result, scope);
      return new Outcome(result, annotated, annotateFailure, told, webhook.origin());
    } finally {
      Files.deleteIfExists(charts);
    }
  }

  private static TrendReport.Result since(TrendReport.Result r, long since) {
    if (since == Long.MIN_VALUE) {
      return r;
    }
    return new TrendReport.Result(r.regressions().stream().filter(f -> f.at() >= since).toList(),
        r.changes().stream().filter(f -> f.at() >= since).toList(), r.specs(), r.metrics(),
        r.series(), r.points());
  }

  private interface Writing {
    void to(Path file) throws IOException;
  }

  /** Writes a sibling file, then renames it over {@code target}. */
  static void replace(Path target, Writing writing) throws IOException {
    Path folder = target.toAbsolutePath().getParent();
    Path temp = Files.createTempFile(folder, "." + target.getFileName(), ".tmp");
    try {
      writing.to(temp);
      try { // a temporary file is private; the page is for reading
        Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions
            .fromString("rw-r--r--"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the folder's permissions apply.
      }
      try {
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
