package io.squashinflux.cli;

import io.squashinflux.sync.WatchLoop;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * The one table of what each numeric option accepts, checked for every command before it runs,
 * whether a value came from the command line, the environment or a config file: a value out of
 * range is one line and exit 2, never a failure deep inside (a thread pool of a billion, a port
 * past 65535, a watch loop every millisecond).
 */
final class OptionBounds {
  private OptionBounds() {}

  /** An inclusive range, shown to the user as the option takes it. */
  private record Range(long min, long max, String shownMin, String shownMax) {
    static Range whole(long min, long max) {
      return new Range(min, max, Long.toString(min), Long.toString(max));
    }

    static Range time(String min, String max) {
      DurationConverter read = new DurationConverter();
      return new Range(read.convert(min).toNanos(), read.convert(max).toNanos(), min, max);
    }

    static Range bytes(String min, String max) {
      SizeConverter read = new SizeConverter();
      return new Range(read.convert(min), read.convert(max), min, max);
    }
  }

  private static final Map<String, Range> RANGES = Map.ofEntries(
      Map.entry("--parallel", Range.whole(1, 256)),
      Map.entry("--retry-attempts", Range.whole(1, 1000)),
      Map.entry("--batch-lines", Range.whole(1, 1_000_000)),
      Map.entry("--batch-bytes", Range.whole(1024, 256L << 20)),
      Map.entry("--max-points", Range.whole(10, 10_000_000)),
      Map.entry("--port", Range.whole(0, 65_535)),
      Map.entry("--count", Range.whole(1, 10_000_000)),
      Map.entry("--generate", Range.whole(1, 10_000_000)),
      Map.entry("--jobs", Range.whole(12, 1_000_000)),
      Map.entry("--span-days", Range.whole(1, 36_500)),
      Map.entry("--retry-time", Range.time("1ms", "30d")),
      Map.entry("--retry-delay", Range.time("1ms", "1h")),
      Map.entry("--interval", Range.time("100ms", "30d")),
      Map.entry("--max-backoff", Range.time("100ms", "30d")),
      Map.entry("--connect-timeout", Range.time("1ms", "1d")),
      Map.entry("--read-timeout", Range.time("1ms", "1d")),
      Map.entry("--influx-timeout", Range.time("1ms", "1d")),
      Map.entry("--latency", Range.time("0ms", "1h")),
      Map.entry("--max-response-size", Range.bytes("1KB", "2GB")));

  /** Throws a usage error (one line, exit 2) for the first option of the command out of range. */
  static void check(CommandLine.ParseResult parsed) {
    CommandLine.ParseResult command = parsed;
    while (command.hasSubcommand()) {
      command = command.subcommand();
    }
    for (OptionSpec option : command.commandSpec().options()) {
      Range range = RANGES.get(option.longestName());
      Object value = option.getValue();
      if (range == null || value == null) {
        continue;
      }
      long amount = value instanceof Duration d ? saturatedNanos(d) : ((Number) value).longValue();
      if (amount < range.min() || amount > range.max()) {
        throw new CommandLine.ParameterException(command.commandSpec().commandLine(),
            option.longestName() + " must be from " + range.shownMin() + " to " + range.shownMax()
                + ", was " + (option.originalStringValues().isEmpty() ? shown(value)
                    : option.originalStringValues().get(option.originalStringValues().size() - 1)));
      }
    }
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException tooLong) {
      return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  private static String shown(Object value) {
    return value instanceof Duration d ? WatchLoop.format(d) : value.toString();
  }
}
