package io.squashinflux.retry;

import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.testing.FakeTime;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Backoff with full jitter, Retry-After and both bounds, on a fake clock. */
class RetrierTest {
  private final FakeTime time = new FakeTime();

  private Retrier retrier(Backoff backoff) {
    return new Retrier(backoff, time, time, new SplittableRandom(11));
  }

  @Test
  void ceilingsDoubleFromTheBaseUpToTheMax() {
    Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 10, Duration.ofMinutes(5));
    assertThat(backoff.ceiling(1)).isEqualTo(Duration.ofMillis(500));
    assertThat(backoff.ceiling(2)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.ceiling(3)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.ceiling(7)).isEqualTo(Duration.ofSeconds(30));
    assertThat(backoff.ceiling(60)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void defaultsAreTenAttemptsFiveMinutesAndHalfASecondDoublingToThirty() {
    assertThat(Backoff.DEFAULT).isEqualTo(
        new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 10, Duration.ofMinutes(5)));
  }

  @Test
  void fullJitterStaysWithinEachCeilingAndSpreadsOverIt() throws Exception {
    Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 10_000, Duration.ofDays(365));
    Retrier.Attempts attempts = retrier(backoff).start();
    long small = 0;
    for (int failed = 1; failed <= 2_000; failed++) {
      assertThat(attempts.waitBeforeNext(Optional.empty())).isTrue();
      Duration slept = time.sleeps().get(failed - 1);
      assertThat(slept).isBetween(Duration.ZERO, backoff.ceiling(failed));
      if (failed > 10 && slept.compareTo(Duration.ofSeconds(15)) < 0) {
        small++;
      }
    }
    // Full jitter, not "ceiling plus a little": about half of the capped delays are under half the cap.
    assertThat(small).isBetween(800L, 1200L);
  }

  @Test
  void retryAfterInSecondsIsHonoured() throws Exception {
    Retrier.Attempts attempts = retrier(new Backoff(Duration.ofMillis(10), Duration.ofMillis(100), 5,
        Duration.ofMinutes(5))).start();
    assertThat(attempts.waitBeforeNext(RetryAfter.parse(Optional.of("7"), time))).isTrue();
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(7));
  }

  @Test
  void retryAfterAsAnHttpDateIsHonoured() throws Exception {
    String in42s = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        time.instant().plusSeconds(42).atOffset(ZoneOffset.UTC));
    Retrier.Attempts attempts = retrier(new Backoff(Duration.ofMillis(10), Duration.ofMillis(100), 5,
        Duration.ofMinutes(5))).start();
    assertThat(attempts.waitBeforeNext(RetryAfter.parse(Optional.of(in42s), time))).isTrue();
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(42));
  }

  @Test
  void retryAfterThatCannotBeReadOrIsPastFallsBackToTheBackoff() {
    assertThat(RetryAfter.parse(Optional.of("soon"), time)).isEmpty();
    assertThat(RetryAfter.parse(Optional.of("-3"), time)).isEmpty();
    assertThat(RetryAfter.parse(Optional.of("Thu, 01 Jan 2015 00:00:00 GMT"), time))
        .contains(Duration.ZERO);
  }

  @Test
  void maxAttemptsCountsTheFirstAttempt() throws Exception {
    Retrier.Attempts attempts = retrier(new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), 4,
        Duration.ofMinutes(5))).start();
    assertThat(attempts.waitBeforeNext(Optional.empty())).isTrue();
    assertThat(attempts.waitBeforeNext(Optional.empty())).isTrue();
    assertThat(attempts.waitBeforeNext(Optional.empty())).isTrue();
    assertThat(attempts.waitBeforeNext(Optional.empty())).isFalse();
    assertThat(time.sleeps()).hasSize(3);
  }

  @Test
  void totalTimeCapIsNeverSleptPast() throws Exception {
    Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 1_000, Duration.ofMinutes(2));
    Retrier.Attempts attempts = retrier(backoff).start();
    int waits = 0;
    while (attempts.waitBeforeNext(Optional.empty())) {
      time.advance(Duration.ofMillis(250)); // each attempt itself takes a little time
      waits++;
    }
    assertThat(waits).isGreaterThan(3);
    assertThat(attempts.elapsed()).isLessThanOrEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void retryAfterBeyondTheTimeCapGivesUpAtOnce() throws Exception {
    Retrier.Attempts attempts = retrier(new Backoff(Duration.ofMillis(10), Duration.ofMillis(100), 5,
        Duration.ofSeconds(30))).start();
    assertThat(attempts.waitBeforeNext(Optional.of(Duration.ofHours(1)))).isFalse();
    assertThat(time.sleeps()).isEmpty();
  }

  @Test
  void callRetriesWhatThePolicySaysToRetryAndStopsAtItsVerdict() throws Exception {
    Retrier retrier = retrier(new Backoff(Duration.ofMillis(10), Duration.ofMillis(100), 5,
        Duration.ofMinutes(5)));
    java.util.Iterator<Integer> statuses = java.util.List.of(503, 429, 200).iterator();
    Retrier.Ended<String> ended = retrier.call(new Policy(false), Side.SQUASH_JOB, () -> {
      int status = statuses.next();
      return new Retrier.Tried<>(Answer.of(status, ""), status == 200 ? "body" : null,
          Optional.of(Duration.ofSeconds(2)));
    });
    assertThat(ended.decision().action()).isEqualTo(Action.DONE);
    assertThat(ended.value()).isEqualTo("body");
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
  }

  @Test
  void callGivesUpWithTheLastAnswerWhenAttemptsRunOut() throws Exception {
    Retrier retrier = retrier(new Backoff(Duration.ofMillis(10), Duration.ofMillis(100), 3,
        Duration.ofMinutes(5)));
    Retrier.Ended<String> ended = retrier.call(new Policy(false), Side.SQUASH_LIST,
        () -> new Retrier.Tried<>(Answer.of(502, "bad gateway"), null, Optional.empty()));
    assertThat(ended.gaveUp()).isTrue();
    assertThat(ended.failed()).isEqualTo(3);
    assertThat(ended.answer().status()).isEqualTo(502);
  }

  @Test
  void callStopsAtOnceOnAFatalAnswer() throws Exception {
    Retrier.Ended<String> ended = retrier(Backoff.DEFAULT).call(new Policy(false),
        Side.SQUASH_LIST, () -> new Retrier.Tried<>(Answer.of(401, ""), null, Optional.empty()));
    assertThat(ended.decision().action()).isEqualTo(Action.FATAL);
    assertThat(time.sleeps()).isEmpty();
  }
}
