package io.squashinflux.retry;

import java.time.Duration;

/** Waits; injected so that tests of retries and schedules run instantly. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration duration) throws InterruptedException;

  Sleeper SYSTEM = duration -> Thread.sleep(duration.toMillis());
}
