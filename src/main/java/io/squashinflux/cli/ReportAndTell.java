package io.squashinflux.cli;

import io.squashinflux.detect.Finding;
import io.squashinflux.influx.InfluxTarget;
import io.squashinflux.net.HttpSettings;
import io.squashinflux.notify.Annotator;
import io.squashinflux.notify.Notifier;
import io.squashinflux.notify.Scope;
import io.squashinflux.notify.Webhook;
import io.squashinflux.report.ReportRun;
import io.squashinflux.report.TrendReport;
import io.squashinflux.retry.Backoff;
import io.squashinflux.retry.Retrier;
import io.squashinflux.series.ReadModel;
import io.squashinflux.series.SeriesException;
import io.squashinflux.specs.Specs;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One trend report and what follows it, for {@code report} and {@code watch --report}: the page
 * and its JSON ({@link ReportRun}), then the annotations, then the webhook. {@code --since}
 * narrows what is listed and told, never what detection reads.
 */
final class ReportAndTell {
  /** What a run found and told; {@code notified} is null without a webhook. */
  record Outcome(TrendReport.Result result, List<Annotator.Result> annotated,
      String annotateFailure, Notifier.Result notified, String webhookOrigin) {}

  private final InfluxTarget target;
  private final ReadModel model;
  private final Specs specs;
  private final DetectionOptions detection;
  private final NotifyOptions notify;
  private final Clock clock;

  ReportAndTell(InfluxTarget target, ReadModel model, Specs specs, DetectionOptions detection,
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

  /** The report's own part: the page and the findings file. */
  ReportRun report(Path output, Path json) {
    return new ReportRun(target, model, specs, detection.settings(), detection.maxPoints,
        detection.measurements, notify.since(clock), output, json, detection.directions(specs),
        detection.shown());
  }

  Outcome run(Path output, Path json) throws IOException, InterruptedException {
    ReportRun report = report(output, json);
    TrendReport.Result result;
    try {
      result = report.write();
    } catch (SeriesException e) {
      throw new UserError(e.getMessage());
    }
    Scope scope = new Scope(detection.measurements, report.since());
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
        report.source()).notify(result, scope);
    return new Outcome(result, annotated, annotateFailure, told, webhook.origin());
  }
}
