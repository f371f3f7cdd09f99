package io.squashinflux.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.squashinflux.detect.Evidence;
import io.squashinflux.detect.Finding;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RankingTest {
  private static Finding finding(String metric, double before, double after, double sigmas,
      List<String> crosses) {
    Evidence.Side side = new Evidence.Side(40, before, 1);
    return new Finding(metric, "hsc", "r", 1_000_000_000L * metric.length(), 0, before, after,
        "worse", null, null, null, List.of(), "", new Evidence(1e-6, sigmas,
            side, new Evidence.Side(40, after, 1)), crosses);
  }

  private static List<Finding> findings() {
    List<Finding> all = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      all.add(finding("small" + i, 100, 102, 30, List.of()));
    }
    all.add(finding("twenty", 100, 120, 4, List.of()));
    all.add(finding("count", 0, 40, 12, List.of()));
    all.add(finding("forty", 100, 140, 3, List.of()));
    all.add(finding("crossing", 10, 10.5, 2.5, List.of("design")));
    return all;
  }

  @Test
  void specCrossingFirstThenAChangeFromZeroThenBySize() {
    List<Finding> sorted = new ArrayList<>(findings());
    sorted.sort(Ranking.WORST_FIRST);
    assertThat(sorted).extracting(Finding::metric).startsWith("crossing", "count", "forty", "twenty");
  }

  @Test
  void orderDoesNotDependOnTheOrderFindingsArrive() {
    List<Finding> expected = new ArrayList<>(findings());
    expected.sort(Ranking.WORST_FIRST);
    for (int seed = 0; seed < 10; seed++) {
      List<Finding> shuffled = new ArrayList<>(findings());
      Collections.shuffle(shuffled, new Random(seed));
      shuffled.sort(Ranking.WORST_FIRST);
      assertThat(shuffled).isEqualTo(expected);
    }
  }

  @Test
  void aChangeFromZeroHasNoRatioInTheJsonOrOnThePage() throws Exception {
    Finding count = finding("count", 0, 40, 12, List.of());
    assertThat(count.change()).isEmpty();
    TrendReport.Result result = new TrendReport.Result(List.of(count), List.of(), List.of(), 1, 1, 60);
    JsonNode json = ReportJson.of(result).get("regressions").get(0);
    assertThat(json.get("change").isNull()).isTrue();
    assertThat(json.get("sigmas").asDouble()).isEqualTo(12);
    assertThat(json.get("p_value").asDouble()).isEqualTo(1e-6);
    assertThat(json.get("before_points").get("count").asInt()).isEqualTo(40);
    StringWriter page = new StringWriter();
    FindingsTable.write(page, "regressions", "Regressions", Event.of(List.of(count)), "none", true);
    assertThat(page.toString()).contains(">n/a<").contains("p = 1e-06, +12.0 sd of noise")
        .doesNotContain("0.0%");
  }

  @Test
  void filtersKeepSpecCrossingsOrChangesAboveAShare() {
    List<Finding> all = findings();
    assertThat(all.stream().filter(Ranking.shown(true, 0)).map(Finding::metric))
        .containsExactly("crossing");
    assertThat(all.stream().filter(Ranking.shown(false, 0.3)).map(Finding::metric))
        .containsExactlyInAnyOrder("count", "forty");
    assertThat(all.stream().filter(Ranking.shown(false, 0))).hasSize(all.size());
  }
}
