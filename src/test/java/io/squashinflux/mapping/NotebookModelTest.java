package io.squashinflux.mapping;

import static io.squashinflux.mapping.SquashModelTest.points;
import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.lineprotocol.FieldValue;
import io.squashinflux.lineprotocol.FieldValue.FloatValue;
import io.squashinflux.lineprotocol.Point;
import io.squashinflux.mapping.TestJobs.Note;
import io.squashinflux.source.Job;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NotebookModelTest {
  private final TestJobs.RecordingNotes notes = new TestJobs.RecordingNotes();
  private final Mapper mapper = new Mapper(Mapping.builtIn("notebook"), notes);

  private static TestJobs.Builder hscJob(long id) {
    return TestJobs.api(id)
        .dateCreated("2019-03-29T18:44:45Z")
        .dataset("validation_data_hsc")
        .meta("filter_name", "r")
        .meta("instrument", "HSC")
        .env("ci_id", "1612")
        .env("env_name", "jenkins");
  }

  @Test
  void eachPackageIsAMeasurementWithFullMetricNamesAndMetaTags() {
    Job job = hscJob(1234)
        .metric("validate_drp.AM1", "7.76")
        .metric("validate_drp.PA1", "12.3")
        .metric("jointcal.collected_photometry_refStars", "1234")
        .build();

    Map<String, String> tags =
        Map.of("filter_name", "r", "instrument", "HSC", "dataset", "validation_data_hsc");
    long time = 1553885085000000234L; // date_created, and the job's 234 ns (id modulo 1000)
    Map<String, FieldValue> ids = Map.of("squash_id", new FloatValue(1234),
        "squash_url", FieldValue.of("[1234](https://squash-restful-api.lsst.codes/job/1234)"),
        "run_id", FieldValue.of("1612"));
    assertThat(mapper.map(job)).isEqualTo(new Mapped.Points(List.of(
        new Point("job 1234", "validate_drp", tags, with(ids, Map.of(
            "validate_drp.AM1", new FloatValue(7.76),
            "validate_drp.PA1", new FloatValue(12.3))), time),
        new Point("job 1234", "jointcal", tags, with(ids, Map.of(
            "jointcal.collected_photometry_refStars", new FloatValue(1234))), time))));
    assertThat(notes.notes).isEmpty();
  }

  private static Map<String, FieldValue> with(Map<String, FieldValue> a, Map<String, FieldValue> b) {
    Map<String, FieldValue> all = new java.util.HashMap<>(a);
    all.putAll(b);
    return all;
  }

  @Test
  void theJobAndItsCiRunAreFieldsSoAPointLeadsToThemWithoutAddingSeries() {
    Job jenkins = hscJob(1234)
        .env("ci_url", "https://ci.lsst.codes/job/validate_drp/1612/")
        .env("ci_label", "centos-7")
        .metric("validate_drp.AM1", "7.76")
        .build();
    Job ldf = TestJobs.file("ldf.verify.json")
        .dateCreated("2021-06-01T00:00:00Z")
        .dataset("validation_data_hsc")
        .meta("filter_name", "r")
        .env("env_name", "ldf")
        .env("run_id", "w_2021_22")
        .env("run_id_url", "https://jira.lsstcorp.org/browse/DM-30000")
        .metric("validate_drp.AM1", "7.5")
        .build();

    Point fromJenkins = points(mapper.map(jenkins)).get(0);
    Point fromLdf = points(mapper.map(ldf)).get(0);

    assertThat(fromJenkins.tags()).containsOnlyKeys("dataset", "filter_name", "instrument");
    assertThat(fromJenkins.fields())
        .containsEntry("squash_id", new FloatValue(1234))
        .containsEntry("run_id", FieldValue.of("1612"))
        .containsEntry("run_url",
            FieldValue.of("[1612](https://ci.lsst.codes/job/validate_drp/1612/)"))
        .doesNotContainKeys("ci_label", "env_name");
    assertThat(fromLdf.tags()).containsOnlyKeys("dataset", "filter_name");
    assertThat(fromLdf.fields())
        .containsEntry("run_id", FieldValue.of("w_2021_22"))
        .containsEntry("run_url",
            FieldValue.of("[w_2021_22](https://jira.lsstcorp.org/browse/DM-30000)"))
        .doesNotContainKeys("squash_id", "squash_url");
    assertThat(Mapping.builtIn("notebook").ruleFields())
        .contains("squash_id", "squash_url", "run_id", "run_url");
  }

  @Test
  void nullNanAndInfiniteValuesDropOnlyTheirFieldWithANote() {
    Job job = hscJob(1)
        .metric("validate_drp.AM1", "null")
        .metric("validate_drp.AM2", "NaN")
        .metric("validate_drp.AM3", "Infinity")
        .metric("validate_drp.AM4", "\"abc\"")
        .metric("validate_drp.PA1", "12.3")
        .build();

    List<Point> points = points(mapper.map(job));

    assertThat(points).hasSize(1);
    Map<String, FieldValue> metrics = new java.util.HashMap<>(points.get(0).fields());
    metrics.keySet().removeIf(key -> !key.startsWith("validate_drp."));
    assertThat(metrics).isEqualTo(
        Map.<String, FieldValue>of("validate_drp.PA1", new FloatValue(12.3)));
    assertThat(notes.notes).containsExactly(
        new Note("dropped", "job 1", "validate_drp.AM1", "null value"),
        new Note("dropped", "job 1", "validate_drp.AM2", "NaN"),
        new Note("dropped", "job 1", "validate_drp.AM3", "infinite"),
        new Note("dropped", "job 1", "validate_drp.AM4", "not a number"));
  }

  @Test
  void valuesADoubleCannotHoldAreNotedAsRounded() {
    Job job = hscJob(2)
        .metric("p.exact", "0.1")
        .metric("p.trailing", "12.300")
        .metric("p.exponent", "1.5e-7")
        .metric("p.big", "9007199254740993")
        .metric("p.digits", "1.23456789012345678")
        .build();

    points(mapper.map(job));

    assertThat(notes.notes).containsExactly(
        new Note("changed", "job 2", "p.big", "rounded to nearest float64"),
        new Note("changed", "job 2", "p.digits", "rounded to nearest float64"));
  }

  @Test
  void hostileMetaValuesAreNotedByKeyAndScalarsBecomeText() {
    Job job = hscJob(3)
        .meta("tract", 9813)
        .meta("ratio", 0.5)
        .meta("deblend", true)
        .meta("dataId", "{\"visit\": 1, \"ccd\": 2}")
        .meta("visits", "[1, 2]")
        .meta("comment", null)
        .meta("label", "")
        .metric("validate_drp.PA1", "1")
        .build();

    Point point = points(mapper.map(job)).get(0);

    assertThat(point.tags()).containsEntry("tract", "9813").containsEntry("ratio", "0.5")
        .containsEntry("deblend", "true")
        .doesNotContainKeys("dataId", "visits", "comment", "label");
    assertThat(notes.notes).containsExactly(
        new Note("dropped", "job 3", "dataId", "nested object"),
        new Note("dropped", "job 3", "visits", "nested list"),
        new Note("dropped", "job 3", "comment", "null"),
        new Note("dropped", "job 3", "label", "empty"));
  }

  @Test
  void timesWithOffsetsFractionsOrNoOffsetAreRead() {
    assertThat(timeOf("2018-07-30T18:25:52.410342+00:00")).isEqualTo(1532975152410342000L);
    assertThat(timeOf("2018-07-30T20:25:52.410342+02:00")).isEqualTo(1532975152410342000L);
    assertThat(timeOf("2018-07-30T18:25:52.410342123Z")).isEqualTo(1532975152410342123L);
    // No offset: UTC, as SQuaSH writes its own times.
    assertThat(timeOf("2018-07-30T18:25:52.410342")).isEqualTo(1532975152410342000L);
    assertThat(timeOf("2018-07-30 18:25:52+0000")).isEqualTo(1532975152000000000L);
  }

  private long timeOf(String dateCreated) {
    Job job = hscJob(4000).dateCreated(dateCreated).metric("p.m", "1").build(); // offset 0
    return points(mapper.map(job)).get(0).timeNanos();
  }

  @Test
  void jobsWithoutAUsableTimeAreSkippedNeverStampedNow() {
    assertThat(mapper.map(hscJob(5).dateCreated("garbage").metric("p.m", "1").build()))
        .isEqualTo(new Mapped.Skipped(Mapped.Skip.NO_USABLE_TIME,
            "date_created 'garbage' is not an ISO 8601 time"));
    assertThat(mapper.map(hscJob(6).dateCreated(null).metric("p.m", "1").build()))
        .isEqualTo(new Mapped.Skipped(Mapped.Skip.NO_USABLE_TIME, "no date_created"));
  }

  @Test
  void aJobFileWithoutDateCreatedTakesItsRunDate() {
    Job job = TestJobs.file("a.verify.json").dataset("HSC-RC2")
        .runDate("2018-07-30T18:25:52.410342+00:00").metric("p.m", "1").build();

    // Plus the offset a hash of the file's content gives: below the microsecond.
    assertThat(points(mapper.map(job)).get(0).timeNanos())
        .isBetween(1532975152410342000L, 1532975152410342999L);
  }

  @Test
  void twoJobsOfOneSeriesAndSecondAreTwoPointsOnTheSameNanosecondEveryTime() {
    Job first = hscJob(70001).metric("validate_drp.PA1", "1").build();
    Job second = hscJob(70002).metric("validate_drp.PA1", "2").build();
    long a = points(mapper.map(first)).get(0).timeNanos();
    long b = points(mapper.map(second)).get(0).timeNanos();

    assertThat(a).isEqualTo(1553885085000000001L);
    assertThat(b).isEqualTo(1553885085000000002L);
    Mapper another = new Mapper(Mapping.builtIn("notebook"), new TestJobs.RecordingNotes());
    assertThat(points(another.map(second)).get(0).timeNanos()).isEqualTo(b);
    assertThat(points(another.map(first)).get(0).timeNanos()).isEqualTo(a);
  }

  @Test
  void jobFilesWithoutIdsAreKeptApartByWhatTheyHold() {
    TestJobs.Builder base = TestJobs.file("a.json").dataset("HSC-RC2")
        .runDate("2018-07-30T18:25:52Z").metric("p.m", "1");
    long one = points(mapper.map(base.build())).get(0).timeNanos();
    long moved = points(mapper.map(TestJobs.file("elsewhere/b.json").dataset("HSC-RC2")
        .runDate("2018-07-30T18:25:52Z").metric("p.m", "1").build())).get(0).timeNanos();
    long other = points(mapper.map(TestJobs.file("c.json").dataset("HSC-RC2")
        .runDate("2018-07-30T18:25:52Z").metric("p.m", "2").build())).get(0).timeNanos();

    assertThat(moved).isEqualTo(one);
    assertThat(other).isNotEqualTo(one);
  }

  @Test
  void decamAndUnknownAreSkippedByDefault() {
    assertThat(mapper.map(hscJob(7).dataset("decam").metric("p.m", "1").build()))
        .isEqualTo(new Mapped.Skipped(Mapped.Skip.DATASET_FILTER,
            "dataset 'decam' is in exclude = unknown, decam"));
    assertThat(mapper.map(hscJob(8).dataset("unknown").metric("p.m", "1").build()))
        .isInstanceOf(Mapped.Skipped.class);
  }

  @Test
  void anIncludeListWinsOverTheExcludes() {
    Mapping mapping = Mapping.builtIn("notebook")
        .withDatasetFilter(List.of("decam"), List.of(), false);
    Mapper included = new Mapper(mapping, notes);

    assertThat(included.map(hscJob(9).dataset("decam").metric("p.m", "1").build()))
        .isInstanceOf(Mapped.Points.class);
    assertThat(included.map(hscJob(10).metric("p.m", "1").build()))
        .isEqualTo(new Mapped.Skipped(Mapped.Skip.DATASET_FILTER,
            "dataset 'validation_data_hsc' is not in include = decam"));
  }

  @Test
  void defaultExcludesCanBeClearedAndExtended() {
    Mapping mapping = Mapping.builtIn("notebook")
        .withDatasetFilter(List.of(), List.of("validation_data_hsc"), true);
    Mapper cleared = new Mapper(mapping, notes);

    assertThat(mapping.exclude()).containsExactly("validation_data_hsc");
    assertThat(cleared.map(hscJob(11).dataset("decam").metric("p.m", "1").build()))
        .isInstanceOf(Mapped.Points.class);
    assertThat(cleared.map(hscJob(12).metric("p.m", "1").build()))
        .isInstanceOf(Mapped.Skipped.class);
  }
}
