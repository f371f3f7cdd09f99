package io.squashinflux.cli;

import io.squashinflux.detect.DetectorSettings;
import io.squashinflux.influx.InfluxTarget;
import io.squashinflux.notify.Notifier;
import io.squashinflux.notify.ReportAndTell;
import io.squashinflux.notify.Scope;
import io.squashinflux.notify.Telling;
import io.squashinflux.report.ReportRun;
import io.squashinflux.series.ReadModel;
import io.squashinflux.specs.Specs;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Where the findings of a report are told: a chat's webhook, the charts' annotations; which. */
final class NotifyOptions {
  // No defaultValue: picocli would show it in --help, and the URL is a secret.
  @Option(names = "--notify", paramLabel = "URL",
      description = "Post the new findings of this run (regressions, and changes of unknown"
          + " direction) to this incoming webhook (Slack, Mattermost, Rocket.Chat), one message"
          + " per run; each finding is told once (default: env " + Telling.URL_VARIABLE + ")."
          + " The URL is never printed or stored.")
  String url;

  @Option(names = "--notify-format", paramLabel = "FORMAT", defaultValue = "slack",
      description = "slack (text + blocks) or json (the --findings document of the new findings)"
          + " (default: ${DEFAULT-VALUE}).")
  Notifier.Format format;

  @Option(names = "--notified", paramLabel = "FILE",
      description = "The file that lists the findings already told (default: next to the sync's"
          + " state, under $XDG_STATE_HOME/squash-influx or ~/.local/state/squash-influx, one per"
          + " InfluxDB, database and mapping).")
  Path ledger;

  @Option(names = "--notify-retry-time", paramLabel = "DURATION", defaultValue = "1m",
      converter = DurationConverter.class,
      description = "Most time spent retrying a failing webhook; unsent findings go with the"
          + " next run (default: ${DEFAULT-VALUE}).")
  Duration retryTime;

  @Option(names = "--annotate",
      description = "Write each finding as a Chronograf annotation (database chronograf) and as a"
          + " point of measurement squash_influx_findings in the data's database, which the"
          + " Grafana dashboards of 'dashboards' show; findings gone are marked deleted.")
  boolean annotate;

  @Option(names = "--since", paramLabel = "TIME|DURATION",
      description = "List only changes at or after this time: 2024-05-01, 2024-05-01T12:00:00Z,"
          + " or a duration back from now (24h, 7d). Detection still reads whole series.")
  String since;

  /**
   * The report of {@code target} and the telling of its findings; a bad setting is told here,
   * before anything is read.
   */
  ReportAndTell reportAndTell(InfluxTarget target, ReadModel model, Specs specs,
      DetectionOptions detection, Clock clock) {
    DetectorSettings settings = detection.settings();
    Telling telling = Telling.of(annotate, url, format, retryTime,
        ledger, target, model.mapping().name());
    long from = since(clock);
    return new ReportAndTell(target, (page, json) -> new ReportRun(target, model, specs, settings,
        detection.maxPoints, detection.measurements, from, page, json,
        detection.directions(specs), detection.shown()), telling, clock);
  }

  /** The first change time (ns) listed, from {@code --since}; {@code Long.MIN_VALUE} without. */
  long since(Clock clock) {
    return Scope.since(since, clock, new DurationConverter()::convert);
  }
}
