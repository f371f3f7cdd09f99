package io.squashinflux.source;

import io.squashinflux.retry.Backoff;
import io.squashinflux.retry.Retrier;
import io.squashinflux.retry.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

/** A clock that only moves when the retrier "sleeps", so no test waits through a backoff. */
final class FakeTime extends Clock implements Sleeper {
  private final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2024-01-01T00:00:00Z"));
  final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    now.accumulateAndGet(null, (t, ignored) -> t.plus(duration));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  /** A retrier of {@code attempts} attempts over this fake time, with a seeded jitter. */
  Retrier retrier(int attempts) {
    Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), attempts,
        Duration.ofMinutes(5));
    return new Retrier(backoff, this, this, RandomGenerator.of("L64X128MixRandom"));
  }
}
