package io.squashinflux.sync;

import io.squashinflux.pipeline.Progress;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;

/**
 * Shows how far a run is: a bar redrawn in place on a terminal, a plain log line every few
 * seconds elsewhere (a CI log or a file must not fill with carriage returns).
 */
public final class ProgressDisplay implements Progress {
  private static final Duration TERMINAL_EVERY = Duration.ofMillis(200);
  private static final Duration LOG_EVERY = Duration.ofSeconds(5);

  private final PrintWriter err;
  private final boolean terminal;
  private final Clock clock;
  private final long started;
  private long lastShown;
  private long lastDone;
  private long lastTotal;
  private long lastPoints;

  ProgressDisplay(PrintWriter err, boolean terminal, Clock clock) {
    this.err = err;
    this.terminal = terminal;
    this.clock = clock;
    this.started = clock.millis();
    this.lastShown = started;
  }

  /** The display for this process: none when quiet, a bar on a terminal, log lines elsewhere. */
  public static Progress forConsole(PrintWriter err, boolean quiet) {
    return of(err, quiet, System.console() != null, Clock.systemUTC());
  }

  /** None when quiet, a bar when {@code terminal}, log lines otherwise. */
  static Progress of(PrintWriter err, boolean quiet, boolean terminal, Clock clock) {
    return quiet ? Progress.NONE : new ProgressDisplay(err, terminal, clock);
  }

  @Override
  public synchronized void update(long done, long total, long points) {
    lastDone = done;
    lastTotal = total;
    lastPoints = points;
    long now = clock.millis();
    Duration every = terminal ? TERMINAL_EVERY : LOG_EVERY;
    if (now - lastShown < every.toMillis() && done < total) {
      return;
    }
    lastShown = now;
    show(now);
  }

  @Override
  public synchronized void finish() {
    if (terminal && lastTotal > 0) {
      show(clock.millis());
      err.print(System.lineSeparator());
      err.flush();
    }
  }

  private void show(long now) {
    double seconds = Math.max(0.001, (now - started) / 1000.0);
    double rate = lastDone / seconds;
    String left = rate > 0 && lastTotal > lastDone
        ? formatSeconds((long) ((lastTotal - lastDone) / rate)) : "-";
    if (terminal) {
      int width = 30;
      int filled = lastTotal == 0 ? width : (int) (width * lastDone / lastTotal);
      err.printf("\r[%s%s] %d/%d jobs  %.0f jobs/s  %d points  %s left ",
          "#".repeat(filled), " ".repeat(width - filled), lastDone, lastTotal, rate, lastPoints, left);
    } else {
      err.printf("squash-influx: progress: %d/%d jobs, %.0f jobs/s, %d points written, %s left%n",
          lastDone, lastTotal, rate, lastPoints, left);
    }
    err.flush();
  }

  private static String formatSeconds(long seconds) {
    return seconds >= 3600
        ? String.format("%dh%02dm", seconds / 3600, seconds % 3600 / 60)
        : String.format("%dm%02ds", seconds / 60, seconds % 60);
  }
}
