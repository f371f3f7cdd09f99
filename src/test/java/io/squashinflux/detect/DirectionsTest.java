package io.squashinflux.detect;

import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.series.MetricSeries;
import io.squashinflux.series.Point;
import io.squashinflux.specs.Specs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DirectionsTest {
  @Test
  void globsMatchWholeMetricNamesInTheOrderGiven() {
    Directions d = Directions.of(List.of("validate_drp.PA1*", "*.AM?"), List.of("*Purity"), Specs.NONE);
    assertThat(d.lowerIsBetter("validate_drp.PA1_minimum")).hasValue(true);
    assertThat(d.lowerIsBetter("validate_drp.AM1")).hasValue(true);
    assertThat(d.lowerIsBetter("validate_drp.AM10")).isEmpty();
    assertThat(d.lowerIsBetter("pipe_analysis.starGalaxyPurity")).hasValue(false);
    assertThat(d.lowerIsBetter("a.PA1")).isEmpty();
    assertThat(Directions.of(Specs.NONE).lowerIsBetter("validate_drp.PA1")).isEmpty();
  }

  @Test
  void aRiseOfAMetricWhereLowerIsBetterIsARegression() {
    List<Point> points = new ArrayList<>();
    for (int i = 0; i < 120; i++) {
      points.add(new Point(i * 1_000_000_000L, i < 60 ? 0 : 40, (long) i, null, null));
    }
    MetricSeries series = new MetricSeries("ap.falsePositives", "hsc", "r", points);
    Detector detector = new Detector(DetectorSettings.DEFAULT);
    Analysis lower = new Analysis(detector, Specs.NONE,
        Directions.of(List.of("ap.*"), List.of(), Specs.NONE));
    assertThat(lower.shifts(series)).singleElement().satisfies(f -> {
      assertThat(f.direction()).isEqualTo("worse");
      assertThat(f.job()).isEqualTo(60);
      assertThat(f.change()).isEmpty();
    });
    Analysis unknown = new Analysis(detector, Specs.NONE, Directions.of(Specs.NONE));
    assertThat(unknown.shifts(series)).singleElement()
        .satisfies(f -> assertThat(f.direction()).isEqualTo("unknown"));
  }
}
