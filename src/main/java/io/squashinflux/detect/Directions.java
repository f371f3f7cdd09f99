package io.squashinflux.detect;

import io.squashinflux.specs.Specs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which way is better for each metric: the first rule whose glob matches the metric's name
 * ({@code --lower-is-better} / {@code --higher-is-better}, in the order given), else what its specs'
 * operators say, else unknown. The one place the direction of a metric is decided.
 */
public final class Directions {
  private record Rule(Pattern pattern, boolean lowerIsBetter) {}

  private final List<Rule> rules;
  private final Specs specs;

  private Directions(List<Rule> rules, Specs specs) {
    this.rules = List.copyOf(rules);
    this.specs = specs;
  }

  /** From the specs alone. */
  public static Directions of(Specs specs) {
    return new Directions(List.of(), specs);
  }

  /**
   * These rules first, then the specs. A glob is matched against the whole metric name,
   * {@code *} any characters, {@code ?} one ({@code validate_drp.PA1*}, {@code *.AM?}).
   */
  public static Directions of(List<String> lower, List<String> higher, Specs specs) {
    List<Rule> rules = new ArrayList<>();
    lower.forEach(g -> rules.add(new Rule(pattern(g), true)));
    higher.forEach(g -> rules.add(new Rule(pattern(g), false)));
    return new Directions(rules, specs);
  }

  /** True when lower values of {@code metric} are better, empty when nothing says. */
  public Optional<Boolean> lowerIsBetter(String metric) {
    for (Rule rule : rules) {
      if (rule.pattern().matcher(metric).matches()) {
        return Optional.of(rule.lowerIsBetter());
      }
    }
    return specs.lowerIsBetter(metric);
  }

  private static Pattern pattern(String glob) {
    StringBuilder regex = new StringBuilder();
    for (String part : glob.split("(?=[*?])|(?<=[*?])")) {
      regex.append(part.equals("*") ? ".*" : part.equals("?") ? "." : Pattern.quote(part));
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
