package io.squashinflux.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squashinflux.lineprotocol.FieldValue.FloatValue;
import io.squashinflux.lineprotocol.Point;
import io.squashinflux.source.Job;
import io.squashinflux.source.JobFormatException;
import io.squashinflux.source.JobParser;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Odd values in one job cost that value only, and every change is noted. */
class OddDocumentsTest {
  private final TestJobs.RecordingNotes notes = new TestJobs.RecordingNotes();

  private static Job parse(String json, Long id) throws Exception {
    return JobParser.parse(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)),
        id == null ? "job.json" : "job " + id, id == null ? Job.Origin.FILE : Job.Origin.API, id,
        id == null ? null : "http://squash/job/" + id, false);
  }

  private List<Point> points(String mapping, Job job) {
    return ((Mapped.Points) new Mapper(Mapping.builtIn(mapping), notes).map(job))
        .points();
  }

  @Test
  void anEmptyMetricNameDropsThatValueOnly() throws Exception {
    Job job = parse("""
        {"date_created": "2021-01-01T00:00:00Z", "measurements": [
          {"metric": "", "value": 1.0}, {"metric": "validate_drp.AM1", "value": 2.0}]}""", null);

    assertThat(points("notebook", job)).singleElement().satisfies(point ->
        assertThat(point.fields()).containsEntry("validate_drp.AM1", new FloatValue(2.0)));
    assertThat(notes.notes).containsExactly(
        new TestJobs.Note("dropped", "job.json", "metric \"\"", "empty metric name"));
  }

  @Test
  void aMetricThatIsAnObjectIsSaidToBeOne() {
    assertThatThrownBy(() -> parse("""
        {"measurements": [{"metric": {"name": "AM1"}, "value": 1.0}]}""", null))
        .isInstanceOf(JobFormatException.class)
        .hasMessage("not a job: measurements[0] \"metric\" is an object, not a name");
  }

  @Test
  void aBodyWhoseIdDiffersFromTheUrlsIsNoted() throws Exception {
    Job job = parse("""
        {"id": 99, "date_created": "2021-01-01T00:00:00Z",
         "measurements": [{"metric": "validate_drp.AM1", "value": 2.0}]}""", 7L);

    assertThat(points("squash", job)).singleElement().satisfies(point ->
        assertThat(point.fields()).containsEntry("squash_id", new FloatValue(7)));
    assertThat(notes.notes).contains(new TestJobs.Note("changed", "job 7", "id",
        "the document says id 99: used 7, the id it was fetched by"));
  }

  @Test
  void aFileWithAnIdKeepsIt() throws Exception {
    Job job = parse("""
        {"id": 99, "date_created": "2021-01-01T00:00:00Z",
         "measurements": [{"metric": "validate_drp.AM1", "value": 2.0}]}""", null);

    assertThat(points("squash", job.withUrlFrom("http://squash/"))).singleElement()
        .satisfies(point -> assertThat(point.fields())
            .containsEntry("squash_id", new FloatValue(99))
            .containsEntry("squash_url",
                new io.squashinflux.lineprotocol.FieldValue.StringValue(
                    "[99](http://squash/job/99)")));
  }

  @Test
  void aMetaNumberBelowTheSmallestFloatIsWrittenAsZeroWithANote() throws Exception {
    Job job = parse("""
        {"date_created": "2021-01-01T00:00:00Z", "meta": {"tiny": 1e-400, "huge": 1e400},
         "measurements": [{"metric": "validate_drp.AM1", "value": 2.0}]}""", null);

    assertThat(points("notebook", job.withUrlFrom(null))).singleElement().satisfies(point ->
        assertThat(point.tags()).containsEntry("tiny", "0.0").doesNotContainKey("huge"));
    assertThat(notes.notes).contains(
        new TestJobs.Note("changed", "job.json", "tiny", "below the smallest float64: written 0.0"),
        new TestJobs.Note("dropped", "job.json", "huge", "beyond float64"));
  }
}
