package io.squashinflux.cli;

import io.squashinflux.retry.Backoff;
import io.squashinflux.retry.Retrier;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How long to keep trying a request to InfluxDB or SQuaSH before giving up. */
final class RetryOptions {

  @Option(names = "--retry-attempts", paramLabel = "N", defaultValue = "10",
      description = "Most attempts at one request, the first included (default: ${DEFAULT-VALUE}).")
  int attempts;

  @Option(names = "--retry-time", paramLabel = "DURATION", defaultValue = "5m",
      converter = DurationConverter.class,
      description = "Most time spent retrying one request (default: ${DEFAULT-VALUE}).")
  Duration time;

  @Option(names = "--retry-delay", paramLabel = "DURATION", defaultValue = "500ms",
      converter = DurationConverter.class, hidden = true,
      description = "First backoff ceiling; doubles up to 30s (default: ${DEFAULT-VALUE}).")
  Duration base;

  Retrier retrier() {
    Duration max = Backoff.DEFAULT.max().compareTo(base) < 0 ? base : Backoff.DEFAULT.max();
    return Retrier.system(new Backoff(base, max, attempts, time));
  }
}
