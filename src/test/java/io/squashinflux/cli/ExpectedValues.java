package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.lineprotocol.LineReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every field value that {@code convert} made of some jobs, keyed by where a line-protocol server
 * keeps it: series (measurement, field, tags) and time. The reference the round trips against
 * VictoriaMetrics and QuestDB compare with; RoundTripTest shows the same lines hold the documents'
 * values against influxd.
 */
final class ExpectedValues {
  /** One value: its key, the field's text as written, and how often the lines held it. */
  record Value(String key, String text, int times) {
    /** False for a string field that reads as no number (a CI run's link). */
    boolean isNumber() {
      try {
        Double.parseDouble(text);
        return true;
      } catch (NumberFormatException e) {
        return false;
      }
    }
  }

  private final List<LineReader> lines = new ArrayList<>();

  private ExpectedValues() {}

  /** The values of {@code convert}'s output for these arguments (its source and model options). */
  static ExpectedValues convert(List<String> sourceAndModel) {
    List<String> args = new ArrayList<>(List.of("convert", "--quiet"));
    args.addAll(sourceAndModel);
    Cli.Result result = Cli.run(args.toArray(String[]::new));
    assertThat(result.code()).as(result.toString()).isIn(0, 1);
    ExpectedValues expected = new ExpectedValues();
    result.out().lines().filter(l -> !l.isBlank())
        .forEach(l -> expected.lines.add(LineReader.read(l + "\n")));
    return expected;
  }

  List<LineReader> lines() {
    return lines;
  }

  /**
   * The values keyed by {@code key(line, field)}; a value the lines held more than once (the same
   * point in two documents) counts each time.
   */
  Map<String, Value> by(KeyOf key) {
    Map<String, Value> values = new TreeMap<>();
    for (LineReader line : lines) {
      for (Map.Entry<String, String> field : line.fields().entrySet()) {
        String k = key.of(line, field.getKey());
        Value before = values.get(k);
        values.put(k, new Value(k, field.getValue(), before == null ? 1 : before.times() + 1));
      }
    }
    return Map.copyOf(values);
  }

  /** How a server names one value. */
  @FunctionalInterface
  interface KeyOf {
    String of(LineReader line, String field);
  }

  /** Tags as {@code k=v,...} sorted by key, the way both servers' answers are normalised. */
  static String tags(Map<String, String> tags) {
    StringBuilder out = new StringBuilder();
    new TreeMap<>(tags).forEach((k, v) -> out.append(out.length() == 0 ? "" : ",")
        .append(k).append('=').append(v));
    return out.toString();
  }
}
