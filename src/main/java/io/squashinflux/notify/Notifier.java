package io.squashinflux.notify;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.detect.Finding;
import io.squashinflux.report.ReportJson;
import io.squashinflux.report.TrendReport;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Tells a webhook of the findings it was not told yet: regressions, and changes no spec gives a
 * direction for (a change for the better is no news). A finding counts as told only after a 2xx,
 * so a failed message is sent again by the next run; a told finding that the data no longer shows
 * is forgotten, so it is told again should it come back.
 */
public final class Notifier {
  /** How the message is written: Slack's payload, or the report's JSON document. */
  public enum Format { slack, json }

  /** What a run told: how many findings were sent, how many wait for the next run, and why. */
  public record Result(int sent, int pending, String failure) {
    public boolean failed() {
      return failure != null;
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Webhook webhook;
  private final Format format;
  private final Path ledger;
  private final String source;

  /** {@code source} names the database in the message: {@code database squash on HOST}. */
  public Notifier(Webhook webhook, Format format, Path ledger, String source) {
    this.webhook = webhook;
    this.format = format;
    this.ledger = ledger;
    this.source = source;
  }

  public Result notify(TrendReport.Result result, Scope scope)
      throws IOException, InterruptedException {
    List<Finding> notable = new ArrayList<>(result.regressions());
    result.changes().stream().filter(f -> f.direction().equals("unknown")).forEach(notable::add);
    Set<FindingKey> current = new LinkedHashSet<>();
    notable.forEach(f -> current.add(FindingKey.of(f)));
    Set<FindingKey> told = SentLedger.load(ledger);
    Set<FindingKey> kept = new LinkedHashSet<>();
    for (FindingKey k : told) {
      if (!scope.covers(k.metric(), k.at()) || current.contains(k)) {
        kept.add(k);
      }
    }
    List<Finding> fresh = notable.stream().filter(f -> !kept.contains(FindingKey.of(f))).toList();
    if (fresh.isEmpty()) {
      if (!kept.equals(told)) {
        SentLedger.save(ledger, kept);
      }
      return new Result(0, 0, null);
    }
    Webhook.Outcome outcome = webhook.post(body(fresh, result));
    if (outcome.sent()) {
      fresh.forEach(f -> kept.add(FindingKey.of(f)));
    }
    SentLedger.save(ledger, kept);
    return outcome.sent() ? new Result(fresh.size(), 0, null)
        : new Result(0, fresh.size(), outcome.failure());
  }

  private byte[] body(List<Finding> fresh, TrendReport.Result result) throws IOException {
    List<Finding> regressions = fresh.stream().filter(Finding::regression).toList();
    List<Finding> changes = fresh.stream().filter(f -> !f.regression()).toList();
    Object document = switch (format) {
      case slack -> SlackMessage.of(regressions, changes, source);
      case json -> ReportJson.of(new TrendReport.Result(regressions, changes, List.of(), List.of(),
          result.metrics(), result.series(), result.points(), result.packagesRecorded(),
          result.span(), result.unmatched()));
    };
    return JSON.writeValueAsString(document).getBytes(StandardCharsets.UTF_8);
  }
}
