package io.squashinflux.retry;

import java.time.Duration;
import java.util.Objects;

/**
 * How long and how often to retry: exponential backoff with full jitter, bounded by a number of
 * attempts and by a total time from the first attempt.
 *
 * @param base the first delay's upper bound
 * @param max the largest delay
 * @param maxAttempts attempts in all, the first included
 * @param totalTime the time after which no attempt is started
 */
public record Backoff(Duration base, Duration max, int maxAttempts, Duration totalTime) {

  /** The documented defaults: 0.5 s doubling to 30 s, 10 attempts, 5 minutes in all. */
  public static final Backoff DEFAULT =
      new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), 10, Duration.ofMinutes(5));

  public Backoff {
    Objects.requireNonNull(base, "base == null");
    Objects.requireNonNull(max, "max == null");
    Objects.requireNonNull(totalTime, "totalTime == null");
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1 but was " + maxAttempts);
    }
    if (base.isNegative() || max.compareTo(base) < 0) {
      throw new IllegalArgumentException("need 0 <= base <= max, was " + base + " and " + max);
    }
  }

  /** The upper bound of the delay after the given failed attempt (1 = the first). */
  public Duration ceiling(int failedAttempt) {
    long ceiling = base.toMillis();
    for (int i = 1; i < failedAttempt && ceiling < max.toMillis(); i++) {
      ceiling *= 2;
    }
    return Duration.ofMillis(Math.min(ceiling, max.toMillis()));
  }
}
