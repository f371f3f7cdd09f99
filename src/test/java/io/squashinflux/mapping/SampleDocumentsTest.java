package io.squashinflux.mapping;

import static io.squashinflux.mapping.SquashModelTest.points;
import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.lineprotocol.FieldValue.FloatValue;
import io.squashinflux.lineprotocol.FieldValue.StringValue;
import io.squashinflux.lineprotocol.Point;
import io.squashinflux.source.Job;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The real SQuaSH documents of the shared samples, through both built-in models. */
class SampleDocumentsTest {
  private final TestJobs.RecordingNotes notes = new TestJobs.RecordingNotes();

  @Test
  void apiJobUnderNotebookKeepsEveryNonNullMetricAndNotesTheSevenNulls() throws Exception {
    Job job = SampleJobs.read("get_job_response_example.json", Job.Origin.API);

    List<Point> points =
        points(new Mapper(Mapping.builtIn("notebook"), notes).map(job));

    assertThat(points).singleElement().satisfies(point -> {
      assertThat(point.measurement()).isEqualTo("validate_drp");
      assertThat(point.tags()).isEqualTo(Map.of(
          "dataset", "validation_data_cfht", "filter_name", "r", "instrument", "CFHT",
          "dataset_repo_url", "https://github.com/lsst/validation_data_cfht.git"));
      assertThat(point.fields()).hasSize(23 + 4) // the metrics, the job's and CI run's ids and links
          .containsEntry("validate_drp.AM1", new FloatValue(7.761596740329379))
          .containsKeys("squash_id", "squash_url", "run_id", "run_url");
      assertThat(point.timeNanos()).isEqualTo(1532975153000000001L); // job 1: 1 ns after
    });
    assertThat(notes.notes).hasSize(7).allSatisfy(note ->
        assertThat(note.reason()).isEqualTo("null value"));
  }

  @Test
  void apiJobUnderSquashTakesDateCreatedForItsUnknownCiRun() throws Exception {
    Job job = SampleJobs.read("get_job_response_example.json", Job.Origin.API);

    Point point =
        points(new Mapper(Mapping.builtIn("squash"), notes).map(job)).get(0);

    // Not a Jenkins job: SQuaSH's task removed its env ci_dataset, so it has no dataset tag.
    assertThat(point.tags()).isEqualTo(Map.of(
        "filter", "r", "instrument", "CFHT",
        "pipeline", "unknown", "env_name", "testdata", "status", "0"));
    assertThat(point.fields())
        .containsEntry("AM1", new FloatValue(7.761596740329379))
        .containsEntry("squash_id", new FloatValue(1))
        .containsEntry("run_url", new StringValue("[unknown](https://example.com)"));
    assertThat(point.timeNanos()).isEqualTo(1532975153000000000L);
  }

  @Test
  void decamJenkinsFileIsWrittenAsSquashWroteIt() throws Exception {
    Job job = SampleJobs.read("job-768.json", Job.Origin.FILE);
    Mapping squash = Mapping.builtIn("squash");

    assertThat(new Mapper(Mapping.builtIn("notebook"), notes).map(job))
        .isInstanceOf(Mapped.Skipped.class);
    Point point = points(new Mapper(squash, notes).map(job)).get(0);

    assertThat(point.fields()).hasSize(21 + 2).containsEntry("run_url", new StringValue(
        "[904](https://ci.lsst.codes/job/validate_drp/dataset=decam,label=centos-7,python=py2/904/)"));
    assertThat(point.tags()).containsEntry("dataset", "decam").containsEntry("pipeline",
        "validate_drp");
    // A job file has no date_created: its run date stands in.
    assertThat(point.timeNanos()).isEqualTo(1492994021000000000L);
  }
}
