package io.squashinflux.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.squashinflux.series.MetricSeries;
import io.squashinflux.series.Point;
import io.squashinflux.specs.Specs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartDataTest {
  private static final String CI =
      "https://ci.lsst.codes/job/validate_drp/dataset=validation_data_hsc,label=centos-7/";

  @Test
  void aCiRunsPageIsWrittenOnceForTheSeriesAndEveryPointStillLeadsToItsOwn() {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String run = String.valueOf(1000 + i);
      // Every tenth point has only its job's URL, one has no link, one a URL without its ids.
      String url = i == 7 ? null : i == 8 ? "https://example.org/elsewhere"
          : i % 10 == 0 ? "https://squash.example/job/" + i : CI + run + "/";
      points.add(new Point(i * 1_000_000_000L, i, (long) i, run, url));
    }
    MetricSeries series = new MetricSeries("validate_drp.PA1", "validation_data_hsc", "r", points);

    JsonNode line = ChartData.of("validate_drp.PA1", "mmag", List.of(series), List.of(),
        Specs.NONE, 10_000).get("series").get(0);

    assertThat(line.get("links")).hasSize(3);
    assertThat(line.toString()).doesNotContain("1042/");
    for (int i = 0; i < points.size(); i++) {
      assertThat(PageLinks.url(line, i)).as("point %d", i).isEqualTo(points.get(i).url());
    }
  }
}
