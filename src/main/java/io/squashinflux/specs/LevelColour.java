package io.squashinflux.specs;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The one colour scheme of spec levels, for the report and both kinds of dashboard: a value is
 * coloured by the best level it meets, whichever way its metric is better. {@link #line} draws
 * lines, text and dashboard thresholds; {@link #ground} is the background of a table cell.
 * The report's stylesheet and script repeat these values (a test compares them).
 */
public enum LevelColour {
  STRETCH("#1b5e20", "#a5d6a7"),
  DESIGN("#43a047", "#dcedc8"),
  MINIMUM("#ef8f00", "#ffe0b2"),
  FAILS("#c62828", "#ffcdd2");

  private final String line;
  private final String ground;

  LevelColour(String line, String ground) {
    this.line = line;
    this.ground = ground;
  }

  public String line() {
    return line;
  }

  public String ground() {
    return ground;
  }

  /** The state's name as the report's classes and the dashboards' legends spell it. */
  public String state() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The colour of meeting this level ({@code stretch}, {@code design}, {@code minimum}); null for others. */
  public static LevelColour of(String level) {
    for (LevelColour c : List.of(STRETCH, DESIGN, MINIMUM)) {
      if (c.state().equals(level)) {
        return c;
      }
    }
    return null;
  }

  /** A level of one metric: its name and threshold value. */
  public record Level(String name, double value) {}

  /**
   * From {@code from} up to the next step's value, values are coloured {@code colour}; the first
   * step's {@code from} is null (everything below the lowest level).
   */
  public record Step(Double from, LevelColour colour) {}

  /**
   * The colour of every range between a metric's levels, lowest value first, as Grafana's
   * threshold steps and Chronograf's threshold colours both read them. Lower is better: below the
   * lowest level a value meets every level; higher is better: it meets none, so the same states
   * come in mirrored order. Levels named other than stretch, design and minimum are left out.
   */
  public static List<Step> steps(List<Level> levels, boolean lowerIsBetter) {
    List<Level> known = levels.stream().filter(l -> of(l.name()) != null)
        .sorted(Comparator.comparingDouble(Level::value)).toList();
    List<Step> steps = new ArrayList<>();
    if (known.isEmpty()) {
      return steps;
    }
    steps.add(new Step(null, best(lowerIsBetter ? known : List.of())));
    for (int i = 0; i < known.size(); i++) {
      List<Level> met = lowerIsBetter ? known.subList(i + 1, known.size()) : known.subList(0, i + 1);
      steps.add(new Step(known.get(i).value(), best(met)));
    }
    return steps;
  }

  /** The best of the levels met, or FAILS when none is. */
  private static LevelColour best(List<Level> met) {
    return met.stream().map(l -> of(l.name())).min(Comparator.naturalOrder()).orElse(FAILS);
  }
}
