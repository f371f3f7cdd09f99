package io.squashinflux.mapping;

import static io.squashinflux.mapping.SquashModelTest.points;
import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.lineprotocol.FieldValue;
import io.squashinflux.lineprotocol.Point;
import io.squashinflux.lineprotocol.Notes;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CardinalityTest {

  @Test
  void anIdLikeTagIsFlaggedAndFilterIsNot() {
    Mapping mapping = Mapping.builtIn("notebook");
    Mapper mapper = new Mapper(mapping, Notes.NONE);
    Cardinality cardinality = new Cardinality(mapping);
    String[] filters = {"g", "r", "i", "z", "y"};
    for (int id = 1; id <= 1000; id++) {
      cardinality.add(points(mapper.map(TestJobs.api(id)
          .dateCreated("2019-03-29T18:44:45Z")
          .dataset("hsc")
          .meta("filter_name", filters[id % 5])
          .meta("run", "run-" + id)
          .metric("validate_drp.PA1", "1.5")
          .build())));
    }

    Cardinality.Report report = cardinality.report();

    assertThat(report.tags()).containsExactly(
        new Cardinality.TagCount("validate_drp", "dataset", 1, false, 1000),
        new Cardinality.TagCount("validate_drp", "filter_name", 5, false, 1000),
        new Cardinality.TagCount("validate_drp", "run", 1000, false, 1000));
    assertThat(report.warnings()).containsExactly(
        "measurement 'validate_drp': tag 'run' has 1000 distinct values in 1000 jobs and looks"
            + " like an identifier (one series per value); make it a field: \"run = field\" under"
            + " [keys] in a mapping file (--mapping)");
  }

  @Test
  void theAdviceNamesTheSourceKeyOfARenamedTag() {
    Cardinality cardinality = new Cardinality(Mapping.builtIn("squash"));
    for (int i = 0; i < 30; i++) {
      cardinality.add(List.of(point(Map.of("pipeline", "p" + i))));
    }

    assertThat(cardinality.report().warnings()).singleElement().asString()
        .contains("make it a field: \"ci_name = field\"");
  }

  @Test
  void fewJobsAreNotEnoughToCallATagAnIdentifier() {
    Cardinality cardinality = new Cardinality(null);
    for (int i = 0; i < 19; i++) {
      cardinality.add(List.of(point(Map.of("run", "r" + i))));
    }

    assertThat(cardinality.report().warnings()).isEmpty();
  }

  @Test
  void countsStopAtTheCap() {
    Cardinality cardinality = new Cardinality(null);
    for (int i = 0; i <= Cardinality.CAP; i++) {
      cardinality.add(List.of(point(Map.of("visit", Integer.toString(i)))));
    }

    Cardinality.TagCount count = cardinality.report().tags().get(0);
    assertThat(count.distinctText()).isEqualTo(">100000");
    assertThat(cardinality.report().warnings()).hasSize(1);
  }

  private static Point point(Map<String, String> tags) {
    return new Point("job", "m", tags, Map.of("f", FieldValue.of(1.0)), 0L);
  }
}
