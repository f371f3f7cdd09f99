package io.squashinflux.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squashinflux.sink.DeliveryException;
import io.squashinflux.ledger.Summary;
import io.squashinflux.source.SourceException;
import io.squashinflux.testing.FakeTime;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WatchLoopTest {
  private final FakeTime time = new FakeTime();
  private final StopRequest stop = new StopRequest();
  private final StringWriter log = new StringWriter();
  private final List<Summary> summaries = new ArrayList<>();

  /** Pauses on the fake clock; requests the stop once {@code pauses} pauses happened. */
  private WatchLoop loop(Duration interval, int pauses) {
    WatchLoop.Pause pause = duration -> {
      time.sleep(duration);
      if (time.sleeps().size() >= pauses) {
        stop.request();
      }
      return stop.isRequested();
    };
    return new WatchLoop(interval, Duration.ofHours(1), time, pause, stop,
        new PrintWriter(log, true), false);
  }

  /** Cycles that play these outcomes in order: a Summary, or an exception to throw. */
  private WatchLoop.Cycle playing(Object... outcomes) {
    Deque<Object> left = new ArrayDeque<>(List.of(outcomes));
    return () -> {
      time.advance(Duration.ofMillis(1200));
      Object next = left.isEmpty() ? summary(0) : left.poll();
      if (next instanceof SourceException e) {
        throw e;
      }
      if (next instanceof DeliveryException e) {
        throw e;
      }
      return (Summary) next;
    };
  }

  @Test
  void cyclesRunEveryIntervalWithOneLogLineEach() throws Exception {
    loop(Duration.ofMinutes(5), 3).run(playing(summary(12), summary(0), summary(3)), summaries::add);

    assertThat(time.sleeps()).containsExactly(
        Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(5));
    assertThat(summaries).hasSize(3);
    assertThat(log.toString().lines()).containsExactly(
        "squash-influx: cycle 1: 12 new jobs synced, 0 failed, 240 points, 1.2 s; next in 5m",
        "squash-influx: cycle 2: 0 new jobs synced, 0 failed, 0 points, 1.2 s; next in 5m",
        "squash-influx: cycle 3: 3 new jobs synced, 0 failed, 60 points, 1.2 s; next in 5m");
  }

  @Test
  void repeatedOutagesDoubleThePauseUpToTheCapAndASuccessResetsIt() throws Exception {
    SourceException down = new SourceException("cannot list the jobs of http://squash: connection refused", false);
    DeliveryException influxDown = new DeliveryException("InfluxDB at http://influx is unreachable", false);

    loop(Duration.ofMinutes(10), 8).run(
        playing(down, down, influxDown, down, down, down, summary(1), down), summaries::add);

    assertThat(time.sleeps()).containsExactly(
        Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(40), Duration.ofHours(1),
        Duration.ofHours(1), Duration.ofHours(1), Duration.ofMinutes(10), Duration.ofMinutes(10));
    assertThat(log.toString().lines().toList().get(1)).isEqualTo(
        "squash-influx: cycle 2 failed after 1.2 s: cannot list the jobs of http://squash:"
            + " connection refused; 2 failures in a row, next in 20m");
    assertThat(summaries).hasSize(1);
  }

  @Test
  void aConfigurationErrorEndsTheWatch() {
    SourceException badUrl = new SourceException("GET http://x/jobs did not answer a job list", true);

    assertThatThrownBy(() -> loop(Duration.ofSeconds(30), 10).run(playing(summary(1), badUrl),
        summaries::add)).isSameAs(badUrl);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(30));
  }

  @Test
  void aStopDuringACycleEndsTheWatchWithoutAnotherPause() throws Exception {
    WatchLoop.Cycle stoppedMidway = () -> {
      stop.request();
      return summary(2);
    };

    loop(Duration.ofMinutes(5), 10).run(stoppedMidway, summaries::add);

    assertThat(time.sleeps()).isEmpty();
    assertThat(summaries).hasSize(1);
    assertThat(log.toString()).endsWith("; stopping" + System.lineSeparator());
  }

  @Test
  void durationsAreWrittenAsTheOptionsTakeThem() {
    assertThat(WatchLoop.format(Duration.ofMinutes(5))).isEqualTo("5m");
    assertThat(WatchLoop.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThat(WatchLoop.format(Duration.ofSeconds(1))).isEqualTo("1s");
    assertThat(WatchLoop.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
  }

  private static Summary summary(long synced) {
    return new Summary(synced, 0, 0, synced, 0, synced * 20, synced * 100, 0, Map.of(), Map.of(),
        List.of(), List.of(), List.of(), Map.of(), List.of(), null, 0, 0, 0, null, 0);
  }
}
