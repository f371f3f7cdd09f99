package io.squashinflux.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.pipeline.Progress;
import io.squashinflux.testing.FakeTime;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {
  private final FakeTime time = new FakeTime();
  private final StringWriter err = new StringWriter();

  private Progress display(boolean quiet, boolean terminal) {
    return ProgressDisplay.of(new PrintWriter(err), quiet, terminal, time);
  }

  @Test
  void onATerminalOneBarIsRedrawnInPlaceWithRateAndTimeLeft() {
    Progress bar = display(false, true);
    bar.update(1, 100, 10);
    assertThat(err.toString()).as("not redrawn more than five times a second").isEmpty();

    time.advance(Duration.ofSeconds(5));
    bar.update(50, 100, 500);
    time.advance(Duration.ofSeconds(5));
    bar.update(100, 100, 1000);
    bar.finish();

    String half = "\r[" + "#".repeat(15) + " ".repeat(15) + "] 50/100 jobs  10 jobs/s  500 points  0m05s left ";
    String full = "\r[" + "#".repeat(30) + "] 100/100 jobs  10 jobs/s  1000 points  - left ";
    assertThat(err.toString()).isEqualTo(half + full + full + System.lineSeparator());
  }

  @Test
  void elsewhereAPlainLogLineEveryFiveSecondsAndNoCarriageReturn() {
    Progress log = display(false, false);
    for (int second = 1; second <= 12; second++) {
      time.advance(Duration.ofSeconds(1));
      log.update(second * 10L, 120, second * 100L);
    }
    log.finish();

    assertThat(err.toString()).doesNotContain("\r");
    assertThat(err.toString().lines()).containsExactly(
        "squash-influx: progress: 50/120 jobs, 10 jobs/s, 500 points written, 0m07s left",
        "squash-influx: progress: 100/120 jobs, 10 jobs/s, 1000 points written, 0m02s left",
        "squash-influx: progress: 120/120 jobs, 10 jobs/s, 1200 points written, - left");
  }

  @Test
  void quietShowsNothing() {
    Progress quiet = display(true, true);
    time.advance(Duration.ofSeconds(10));
    quiet.update(5, 10, 50);
    quiet.finish();

    assertThat(err.toString()).isEmpty();
  }
}
