package io.squashinflux.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * Runs the waits between attempts. Time, sleeping and randomness are injected, so tests advance a
 * fake clock instead of waiting.
 */
public final class Retrier {
  private final Backoff backoff;
  private final Clock clock;
  private final Sleeper sleeper;
  private final RandomGenerator random;

  public Retrier(Backoff backoff, Clock clock, Sleeper sleeper, RandomGenerator random) {
    this.backoff = backoff;
    this.clock = clock;
    this.sleeper = sleeper;
    this.random = random;
  }

  /** Retries with the real clock, real sleeping and a random jitter. */
  public static Retrier system(Backoff backoff) {
    return new Retrier(backoff, Clock.systemUTC(), Sleeper.SYSTEM, RandomGenerator.getDefault());
  }

  public Backoff backoff() {
    return backoff;
  }

  public Clock clock() {
    return clock;
  }

  /** Starts counting attempts and time for one request. */
  public Attempts start() {
    return new Attempts(clock.instant());
  }

  /** The attempts at one request. */
  public final class Attempts {
    private final Instant started;
    private int failed;

    private Attempts(Instant started) {
      this.started = started;
    }

    /**
     * Waits before the next attempt and returns true, or returns false when the attempts or the
     * total time are used up. {@code retryAfter} is the server's wish, when it said one.
     */
    public boolean waitBeforeNext(Optional<Duration> retryAfter) throws InterruptedException {
      failed++;
      if (failed >= backoff.maxAttempts()) {
        return false;
      }
      Duration jitter = Duration.ofMillis(random.nextLong(backoff.ceiling(failed).toMillis() + 1));
      Duration delay = retryAfter.filter(d -> d.compareTo(jitter) > 0).orElse(jitter);
      Duration elapsed = Duration.between(started, clock.instant());
      if (elapsed.plus(delay).compareTo(backoff.totalTime()) > 0) {
        return false;
      }
      sleeper.sleep(delay);
      return true;
    }

    /** Failed attempts so far. */
    public int failed() {
      return failed;
    }

    /** Time since the first attempt. */
    public Duration elapsed() {
      return Duration.between(started, clock.instant());
    }
  }
}
