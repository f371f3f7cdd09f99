package io.squashinflux.sync;

import io.squashinflux.sink.DeliveryException;
import io.squashinflux.failure.Failure;
import io.squashinflux.ledger.Summary;
import io.squashinflux.source.SourceException;
import io.squashinflux.state.StateException;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * The schedule of {@code watch}: a cycle, a pause, and again, until a stop is requested.
 *
 * <p>Each cycle logs one line. A cycle that fails for an outage (SQuaSH or InfluxDB unreachable,
 * retries used up) is logged and tried again later; after repeated failures the pause doubles, up
 * to a cap, so an outage is not hammered. A configuration error ends the loop: waiting does not fix
 * it. The pause is injected, so tests run cycles without waiting.
 */
public final class WatchLoop {

  /** One sync pass. */
  public interface Cycle {
    Summary run() throws SourceException, DeliveryException, StateException, InterruptedException,
        IOException;
  }

  /** Waits up to a duration; returns true when a stop was requested meanwhile. */
  public interface Pause {
    boolean await(Duration duration) throws InterruptedException;
  }

  private final Duration interval;
  private final Duration cap;
  private final Clock clock;
  private final Pause pause;
  private final StopRequest stop;
  private final PrintWriter log;
  private final boolean quiet;

  public WatchLoop(Duration interval, Duration cap, Clock clock, Pause pause, StopRequest stop,
      PrintWriter log, boolean quiet) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("--interval must be positive, was " + format(interval));
    }
    this.interval = interval;
    this.cap = cap.compareTo(interval) < 0 ? interval : cap;
    this.clock = clock;
    this.pause = pause;
    this.stop = stop;
    this.log = log;
    this.quiet = quiet;
  }

  /** Runs cycles until a stop is requested; each summary goes to {@code summaries}. */
  public void run(Cycle cycle, Consumer<Summary> summaries)
      throws SourceException, DeliveryException, StateException, InterruptedException,
      IOException {
    int failuresInARow = 0;
    for (long number = 1; !stop.isRequested(); number++) {
      long started = clock.millis();
      Duration next;
      try {
        Summary summary = cycle.run();
        failuresInARow = 0;
        next = interval;
        summaries.accept(summary);
        if (!quiet) {
          say("cycle " + number + ": " + counts(summary) + ", " + seconds(started) + "; "
              + then(next));
        }
      } catch (SourceException | DeliveryException e) {
        if (((Failure) e).configuration()) {
          throw e;
        }
        failuresInARow++;
        next = delay(failuresInARow);
        say("cycle " + number + " failed after " + seconds(started) + ": " + e.getMessage() + "; "
            + failuresInARow + (failuresInARow == 1 ? " failure" : " failures in a row") + ", "
            + then(next));
      }
      if (stop.isRequested() || pause.await(next)) {
        return;
      }
    }
  }

  /** The pause after this many failed cycles in a row: the interval, doubled from the second on. */
  Duration delay(int failuresInARow) {
    Duration delay = interval;
    for (int i = 1; i < failuresInARow && delay.compareTo(cap) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(cap) > 0 ? cap : delay;
  }

  private String then(Duration next) {
    return stop.isRequested() ? "stopping" : "next in " + format(next);
  }

  private static String counts(Summary summary) {
    StringBuilder text = new StringBuilder()
        .append(summary.synced()).append(summary.synced() == 1 ? " new job" : " new jobs")
        .append(" synced, ").append(summary.failed()).append(" failed, ")
        .append(summary.points()).append(" points");
    if (summary.skipped() > 0) {
      text.append(", ").append(summary.skipped()).append(" skipped");
    }
    if (!summary.vanished().isEmpty()) {
      text.append(", ").append(summary.vanished().size()).append(" no longer listed");
    }
    return text.toString();
  }

  private String seconds(long started) {
    return String.format(Locale.ROOT, "%.1f s", (clock.millis() - started) / 1000.0);
  }

  private void say(String line) {
    log.println("squash-influx: " + line);
    log.flush();
  }

  /** A duration as the options take it: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h30m}. */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 1000 != 0 || millis == 0) {
      return millis + "ms";
    }
    long seconds = millis / 1000;
    StringBuilder text = new StringBuilder();
    if (seconds >= 3600) {
      text.append(seconds / 3600).append('h');
    }
    if (seconds % 3600 >= 60) {
      text.append(seconds % 3600 / 60).append('m');
    }
    if (seconds % 60 != 0) {
      text.append(seconds % 60).append('s');
    }
    return text.toString();
  }
}
