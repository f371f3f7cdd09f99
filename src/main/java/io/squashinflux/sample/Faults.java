package io.squashinflux.sample;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Which requests the {@link SquashApiServer} answers with a {@link Fault}, and how many times.
 * Rules are tried in the order they were added; the first matching rule with faults left wins.
 * Thread-safe.
 */
public final class Faults {
  private final List<Rule> rules = new CopyOnWriteArrayList<>();

  /** No faults. */
  public static Faults none() {
    return new Faults();
  }

  /**
   * Answers the next {@code times} requests whose path and query (e.g. {@code /job/7} or
   * {@code /code_changes/1001?ci_name=validate_drp}) fully match {@code pathRegex} with {@code fault}.
   */
  public Faults when(String pathRegex, int times, Fault fault) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1: " + times);
    }
    rules.add(new Rule(Pattern.compile(pathRegex), new AtomicInteger(times), fault));
    return this;
  }

  /** How many faults are still to be injected. */
  public int remaining() {
    return rules.stream().mapToInt(r -> Math.max(0, r.left().get())).sum();
  }

  /** The fault for this request, used up, if a rule matches and has faults left. */
  Optional<Fault> take(String pathAndQuery) {
    for (Rule rule : rules) {
      if (rule.pattern().matcher(pathAndQuery).matches() && rule.left().getAndDecrement() > 0) {
        return Optional.of(rule.fault());
      }
    }
    return Optional.empty();
  }

  private record Rule(Pattern pattern, AtomicInteger left, Fault fault) {}
}
