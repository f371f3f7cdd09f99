package io.squashinflux.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.lineprotocol.FieldValue;
import io.squashinflux.lineprotocol.FieldValue.FloatValue;
import io.squashinflux.lineprotocol.FieldValue.StringValue;
import io.squashinflux.lineprotocol.Point;
import io.squashinflux.source.CiRuns;
import io.squashinflux.source.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SquashModelTest {
  private static final String CI_URL = "https://ci.lsst.codes/job/sqre/job/validate_drp/1612/";
  private static final String CHANGES = "[[\"afw\", \"3c8a1f\", \"https://github.com/lsst/afw.git\"]]";

  private final TestJobs.RecordingNotes notes = new TestJobs.RecordingNotes();
  private final FakeRuns runs = new FakeRuns();
  private final Mapper mapper = new Mapper(Mapping.builtIn("squash"), runs, notes);

  /** Answers like {@code /jenkins/<ci_id>} and {@code /code_changes/<ci_id>}, counting calls. */
  static final class FakeRuns implements CiRuns {
    final List<String> asked = new ArrayList<>();

    @Override
    public synchronized Optional<String> firstDateCreated(String ciId) {
      asked.add("jenkins/" + ciId);
      return ciId.equals("1612") ? Optional.of("2019-03-29T18:40:00Z") : Optional.empty();
    }

    @Override
    public synchronized Optional<CodeChanges> codeChanges(String ciId, String ciName) {
      asked.add("code_changes/" + ciId + "?ci_name=" + ciName);
      return ciId.equals("1612")
          ? Optional.of(new CodeChanges(CHANGES, "3"))
          : Optional.empty();
    }
  }

  static TestJobs.Builder jenkinsJob(long id) {
    return TestJobs.api(id)
        .dateCreated("2019-03-29T18:44:45Z")
        .dataset("validation_data_hsc")
        .meta("filter_name", "r")
        .meta("instrument", "HSC")
        .meta("dataset_repo_url", "https://github.com/lsst/validation_data_hsc")
        .env("env_name", "jenkins")
        .env("ci_id", "1612")
        .env("ci_name", "validate_drp")
        .env("ci_dataset", "validation_data_hsc")
        .env("ci_label", "centos-7")
        .env("ci_url", CI_URL)
        .env("ci_refs", "master")
        .env("status", 0)
        .runDate("2019-03-29T17:01:02.123456+00:00")
        .metric("validate_drp.AM1", "7.76")
        .metric("validate_drp.PA1", "12.3");
  }

  @Test
  void jenkinsJobGivesTheTagsFieldsAndTimeOfTheSquashTable() {
    Mapped mapped = mapper.map(jenkinsJob(1234).build());

    Map<String, String> tags = Map.of(
        "dataset", "validation_data_hsc",
        "filter", "r",
        "instrument", "HSC",
        "pipeline", "validate_drp",
        "env_name", "jenkins",
        "ci_refs", "master",
        "status", "0");
    Map<String, FieldValue> fields = Map.of(
        "AM1", new FloatValue(7.76),
        "PA1", new FloatValue(12.3),
        "run_id", new StringValue("1612"),
        "squash_id", new FloatValue(1234.0),
        "squash_url", new StringValue(
            "[1234](https://squash-restful-api.lsst.codes/job/1234)"),
        "run_url", new StringValue("[1612](" + CI_URL + ")"),
        "timestamp", new FloatValue(1553885085000000000.0),
        "code_changes", new StringValue("[afw](https://github.com/lsst/afw/commit/3c8a1f)"),
        "code_changes_counts", new FloatValue(3));
    // The time is the first job of CI run 1612 (18:40:00), not this job's upload (18:44:45).
    assertThat(mapped).isEqualTo(new Mapped.Points(List.of(
        new Point("job 1234", "validate_drp", tags, fields, 1553884800000000000L))));
    assertThat(notes.notes).isEmpty();
  }

  @Test
  void ciRunIsAskedOncePerCiIdAndNeverForUnknown() {
    for (int id = 1; id <= 5; id++) {
      mapper.map(jenkinsJob(id).build());
    }
    mapper.map(jenkinsJob(6).env("ci_id", "unknown").build());
    mapper.map(jenkinsJob(7).env("ci_id", "").build());

    assertThat(runs.asked).containsExactly(
        "jenkins/1612", "code_changes/1612?ci_name=validate_drp");
  }

  @Test
  void unknownCiIdTakesDateCreatedWithoutANote() {
    Mapped mapped = mapper.map(jenkinsJob(6).env("ci_id", "unknown").build());

    assertThat(points(mapped).get(0).timeNanos()).isEqualTo(1553885085000000000L);
    assertThat(points(mapped).get(0).fields()).doesNotContainKey("code_changes");
    assertThat(notes.notes).isEmpty();
  }

  @Test
  void ciRunWithoutAFirstJobFallsBackToDateCreatedWithANote() {
    Mapped mapped = mapper.map(jenkinsJob(8).env("ci_id", "999").build());

    assertThat(points(mapped).get(0).timeNanos()).isEqualTo(1553885085000000000L);
    assertThat(notes.notes).containsExactly(new TestJobs.Note("changed", "job 8", "time",
        "no first job known for CI run 999: used date_created"));
  }

  @Test
  void ldfJobWithoutEnvNameGetsRunIdAndRunUrl() {
    Job job = TestJobs.api(77)
        .dateCreated("2020-01-02T03:04:05Z")
        .dataset("HSC-RC2")
        .meta("physical_filter", "HSC-I")
        .env("dataset", "HSC-RC2")
        .env("run_id", "DM-22222")
        .env("run_id_url", "https://jira.lsstcorp.org/browse/DM-22222")
        .env("version_tag", "w_2020_01")
        .metric("validate_drp.PA1", "3.5")
        .build();

    Point point = points(mapper.map(job)).get(0);

    assertThat(point.tags()).isEqualTo(Map.of("dataset", "HSC-RC2", "filter", "HSC-I"));
    assertThat(point.fields()).containsEntry("run_id", new StringValue("DM-22222"))
        .containsEntry("run_url",
            new StringValue("[DM-22222](https://jira.lsstcorp.org/browse/DM-22222)"))
        .containsEntry("version_tag", new StringValue("w_2020_01"));
  }

  @Test
  void twoKeysForOneNameGiveOneKeyAndNoteTheLoser() {
    Job job = jenkinsJob(9)
        .env("run_id", "other")
        .meta("physical_filter", "HSC-R")
        .build();

    Point point = points(mapper.map(job)).get(0);

    assertThat(point.fields()).containsEntry("run_id", new StringValue("1612"));
    assertThat(point.tags()).containsEntry("filter", "r");
    assertThat(notes.notes).containsExactlyInAnyOrder(
        new TestJobs.Note("dropped", "job 9", "run_id", "'run_id' already set from 'ci_id'"),
        new TestJobs.Note("dropped", "job 9", "physical_filter",
            "'filter' already set from 'filter_name'"));
  }

  @Test
  void metricNamesWithoutAPackagePrefixAreDroppedWithANote() {
    Job job = jenkinsJob(10).metric("AM1", "1.0").build();

    assertThat(points(mapper.map(job))).extracting(Point::measurement)
        .containsExactly("validate_drp");
    assertThat(notes.notes).containsExactly(
        new TestJobs.Note("dropped", "job 10", "AM1", "no package prefix"));
  }

  @Test
  void aMetricFieldWinsOverAJobFieldOfTheSameName() {
    Job job = jenkinsJob(11).metric("validate_drp.run_id", "5").build();

    Point point = points(mapper.map(job)).get(0);

    assertThat(point.fields()).containsEntry("run_id", new FloatValue(5));
    assertThat(notes.notes).containsExactly(new TestJobs.Note("dropped", "job 11", "ci_id",
        "'run_id' is a metric of validate_drp"));
  }

  static List<Point> points(Mapped mapped) {
    assertThat(mapped).isInstanceOf(Mapped.Points.class);
    return ((Mapped.Points) mapped).points();
  }
}
