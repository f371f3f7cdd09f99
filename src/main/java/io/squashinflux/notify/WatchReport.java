package io.squashinflux.notify;

import io.squashinflux.failure.UserError;
import io.squashinflux.failure.UserError;
import io.squashinflux.ledger.Summary;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;

/**
 * {@code watch --report FILE}: the trend page made again after each cycle that synced new jobs,
 * and then the webhook told, in that same cycle, so a job's findings are told within one
 * interval of its arrival. A report that failed (InfluxDB away, the webhook down) is tried again
 * after the next cycle, new jobs or not; the watch goes on either way.
 */
public final class WatchReport {
  private final ReportAndTell run;
  private final Path page;
  private final PrintWriter log;
  private boolean due = true;

  public WatchReport(ReportAndTell run, Path page, PrintWriter log) {
    this.run = run;
    this.page = page;
    this.log = log;
  }

  public void after(Summary cycle) throws InterruptedException {
    if (!due && cycle.synced() == 0) {
      return;
    }
    try {
      ReportAndTell.Outcome outcome = run.run(page, null);
      due = outcome.notified() != null && outcome.notified().failed()
          || outcome.annotateFailure() != null;
      StringBuilder line = new StringBuilder("report ").append(page).append(": ")
          .append(outcome.result().regressions().size()).append(" regressions, ")
          .append(outcome.result().changes().size()).append(" changes");
      if (outcome.annotateFailure() != null) {
        line.append("; annotations not written: ").append(outcome.annotateFailure());
      }
      if (outcome.notified() != null) {
        line.append(outcome.notified().failed()
            ? "; " + outcome.notified().failure() + ", " + outcome.notified().pending()
                + " findings are sent after the next cycle"
            : "; " + outcome.notified().sent() + " new findings told");
      }
      say(line.toString());
    } catch (IOException | UserError | io.squashinflux.influx.QueryException e) {
      due = true;
      say("report " + page + " failed: " + e.getMessage() + "; trying again after the next cycle");
    }
  }

  private void say(String line) {
    log.println("squash-influx: " + line);
    log.flush();
  }
}
