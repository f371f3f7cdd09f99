package io.squashinflux.testing;

import io.squashinflux.retry.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when something sleeps on it, so retry tests run instantly. */
public final class FakeTime extends Clock implements Sleeper {
  private Instant now;
  private final List<Duration> sleeps = new ArrayList<>();

  public FakeTime() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  public FakeTime(Instant start) {
    this.now = start;
  }

  @Override
  public synchronized void sleep(Duration duration) {
    sleeps.add(duration);
    now = now.plus(duration);
  }

  /** A retrier of {@code attempts} attempts over this fake time, with a seeded jitter. */
  public io.squashinflux.retry.Retrier retrier(int attempts) {
    io.squashinflux.retry.Backoff backoff = new io.squashinflux.retry.Backoff(
        Duration.ofMillis(500), Duration.ofSeconds(30), attempts, Duration.ofMinutes(5));
    return new io.squashinflux.retry.Retrier(backoff, this, this,
        java.util.random.RandomGenerator.of("L64X128MixRandom"));
  }

  public synchronized List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  public synchronized void advance(Duration duration) {
    now = now.plus(duration);
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
