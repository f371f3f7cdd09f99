package io.squashinflux.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.squashinflux.specs.LevelColour;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * One colour per state of a value (meets stretch, design, minimum, or fails), whichever way its
 * metric is better: Grafana's threshold steps, Chronograf's threshold colours and the report's
 * stylesheet and script all give a value the colour of the best level it meets.
 */
class LevelColoursTest {
  /** Lower is better: stretch 10.2, design 13.8, minimum 18.0 (PA1's levels in mmag). */
  private static final Panel LOWER = new Panel("validate_drp.PA1", "validate_drp.PA1", "mmag",
      List.of(new Threshold("minimum", 18.0, "<=", true), new Threshold("design", 13.8, "<=", true),
          new Threshold("stretch", 10.2, "<=", true)));
  /** Higher is better: minimum 0.5, design 0.7, stretch 0.9. */
  private static final Panel HIGHER = new Panel("validate_drp.AF1", "validate_drp.AF1", "",
      List.of(new Threshold("minimum", 0.5, ">=", false), new Threshold("design", 0.7, ">=", false),
          new Threshold("stretch", 0.9, ">=", false)));
  private static final Board BOARD = new Board("squash", null, "validate_drp", "notebook",
      "dataset", "filter_name", List.of("hsc"), List.of("g"), List.of(LOWER, HIGHER));

  @Test
  void aValueHasTheColourOfTheBestLevelItMeetsInEveryFormatAndDirection() throws IOException {
    Map<String, String> reportLines = reportLevelLines();
    Map<String, String> reportGrounds = reportCellGrounds();
    Map<Panel, Map<Double, String>> samples = Map.of(
        LOWER, Map.of(8.0, "stretch", 12.0, "design", 16.0, "minimum", 25.0, "fails"),
        HIGHER, Map.of(0.95, "stretch", 0.8, "design", 0.6, "minimum", 0.3, "fails"));
    JsonNode grafana = GrafanaJson.dashboard(BOARD).path("panels");
    JsonNode cells = ChronografJson.dashboard(BOARD).path("cells");
    for (int p = 0; p < BOARD.panels().size(); p++) {
      Panel panel = BOARD.panels().get(p);
      JsonNode steps = grafana.get(p).path("fieldConfig").path("defaults").path("thresholds")
          .path("steps");
      JsonNode colors = latestCell(cells, panel).path("colors");
      for (Map.Entry<Double, String> sample : samples.get(panel).entrySet()) {
        double value = sample.getKey();
        String state = sample.getValue();
        assertThat(state).as("the levels %s meets", value).isEqualTo(best(panel, value));
        LevelColour expected = LevelColour.valueOf(state.toUpperCase(java.util.Locale.ROOT));
        assertThat(grafanaColour(steps, value)).as("Grafana, %s = %s", panel.metric(), value)
            .isEqualTo(expected.line());
        assertThat(chronografColour(colors, value)).as("Chronograf, %s = %s", panel.metric(), value)
            .isEqualTo(expected.line());
        assertThat(reportGrounds.get(state)).as("report cell of %s", state).isEqualTo(expected.ground());
        if (!state.equals("fails")) {
          assertThat(reportLines.get(state)).as("report line of %s", state).isEqualTo(expected.line());
        }
      }
    }
    assertThat(LevelColour.MINIMUM.line()).isNotEqualTo(LevelColour.FAILS.line());
    assertThat(LevelColour.MINIMUM.ground()).isNotEqualTo(LevelColour.FAILS.ground());
    assertThat(grafana.get(0).path("fieldConfig").path("defaults").path("custom")
        .path("thresholdsStyle").path("mode").asText()).isEqualTo("dashed+area");
  }

  /** The state as the specs define it: the best level whose operator the value passes. */
  private static String best(Panel panel, double value) {
    String best = "fails";
    for (String level : List.of("minimum", "design", "stretch")) {
      for (Threshold t : panel.thresholds()) {
        boolean passes = t.operator().startsWith("<") ? value <= t.value() : value >= t.value();
        best = t.level().equals(level) && passes ? level : best;
      }
    }
    return best;
  }

  /** Grafana colours a value by the last step whose value is at most it (the base: null). */
  private static String grafanaColour(JsonNode steps, double value) {
    String colour = null;
    for (JsonNode step : steps) {
      if (step.path("value").isNull() || value >= step.path("value").asDouble()) {
        colour = step.path("color").asText();
      }
    }
    return colour;
  }

  /** Chronograf's single stat: the colour whose value is the highest one at most the value. */
  private static String chronografColour(JsonNode colors, double value) {
    String colour = null;
    double at = Double.NEGATIVE_INFINITY;
    for (JsonNode c : colors) {
      double from = Double.parseDouble(c.path("value").asText());
      if (value >= from && from >= at) {
        colour = c.path("hex").asText();
        at = from;
      }
    }
    return colour;
  }

  private static JsonNode latestCell(JsonNode cells, Panel panel) {
    for (JsonNode cell : cells) {
      if (cell.path("type").asText().equals("single-stat")
          && cell.path("name").asText().startsWith(panel.metric() + " ")) {
        return cell;
      }
    }
    throw new AssertionError("no single-stat cell of " + panel.metric());
  }

  /** report.js: {@code var LEVEL = { stretch: '#...', ... }}, the colour of each level's line. */
  private static Map<String, String> reportLevelLines() throws IOException {
    Matcher block = Pattern.compile("var LEVEL = \\{([^}]*)\\}").matcher(resource("report.js"));
    assertThat(block.find()).as("LEVEL in report.js").isTrue();
    return pairs(Pattern.compile("(\\w+): '(#[0-9a-f]{6})'").matcher(block.group(1)));
  }

  /** report.css: {@code .lvl.stretch { background: #... }}, a spec table cell of each state. */
  private static Map<String, String> reportCellGrounds() throws IOException {
    return pairs(Pattern.compile("\\.lvl\\.(\\w+) \\{ background: (#[0-9a-f]{6})")
        .matcher(resource("report.css")));
  }

  private static Map<String, String> pairs(Matcher m) {
    Map<String, String> found = new LinkedHashMap<>();
    while (m.find()) {
      found.put(m.group(1), m.group(2));
    }
    return found;
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = LevelColoursTest.class.getResourceAsStream(
        "/io/squashinflux/report/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
