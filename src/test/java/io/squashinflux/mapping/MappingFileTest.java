package io.squashinflux.mapping;

import static io.squashinflux.mapping.SquashModelTest.points;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.squashinflux.lineprotocol.FieldValue.StringValue;
import io.squashinflux.lineprotocol.Point;
import io.squashinflux.source.Job;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MappingFileTest {
  private final TestJobs.RecordingNotes notes = new TestJobs.RecordingNotes();

  @Test
  void builtInModelsAreMappingFiles() {
    Mapping notebook = Mapping.builtIn("notebook");
    Mapping squash = Mapping.builtIn("squash");

    assertThat(notebook.name()).isEqualTo("notebook");
    assertThat(notebook.timeSource()).isEqualTo(TimeSource.DATE_CREATED);
    assertThat(notebook.exclude()).containsExactly("unknown", "decam");
    assertThat(squash.name()).isEqualTo("squash");
    assertThat(squash.timeSource()).isEqualTo(TimeSource.CI_RUN);
    assertThat(squash.exclude()).isEmpty(); // SQuaSH's task wrote every dataset
  }

  @Test
  void aUserFileRenamesATagMakesATagAFieldAndAddsAConstantTag(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("site.mapping");
    Files.writeString(file, String.join("\n",
        "# our site's model",
        "[model]",
        "extends = squash",
        "name = site",
        "time = date_created",
        "[keys]",
        "instrument = rename camera",
        "ci_refs = field          # one value per run: keep it out of the series key",
        "[tags]",
        "site = summit"));
    Mapping mapping = Mapping.load(file);

    Job job = SquashModelTest.jenkinsJob(1234).build();
    Point point = points(new Mapper(mapping, notes).map(job)).get(0);

    assertThat(mapping.name()).isEqualTo("site");
    assertThat(point.tags()).isEqualTo(Map.of(
        "camera", "HSC", "site", "summit", "dataset", "validation_data_hsc", "filter", "r",
        "pipeline", "validate_drp", "env_name", "jenkins", "status", "0"));
    assertThat(point.fields()).containsEntry("ci_refs", new StringValue("master"))
        .containsKeys("AM1", "PA1", "run_id", "squash_id", "squash_url", "run_url", "timestamp");
    assertThat(point.timeNanos()).isEqualTo(1553885085000000000L);
  }

  @Test
  void aTypoNamesTheFileAndLine() {
    String text = "[model]\n# comment\nname = mine\nfeild-keys = short\n";

    assertThatThrownBy(() -> Mapping.parse("mine.mapping", text))
        .isInstanceOf(MappingException.class)
        .hasMessage("mine.mapping:4: unknown key 'feild-keys'");
  }

  @Test
  void badRulesAndValuesNameTheirLine() {
    assertThat(problem("[keys]\nfilter_name = tagg filter"))
        .startsWith("m.mapping:2: unknown rule 'tagg' for 'filter_name' (expected tag [NAME],");
    assertThat(problem("[keys]\nurl = link squash_url"))
        .isEqualTo("m.mapping:2: 'link' takes NAME TEXTKEY");
    assertThat(problem("[model]\ntime = now"))
        .isEqualTo("m.mapping:2: bad value 'now' for 'time' (expected date_created, run or ci-run)");
    assertThat(problem("[model]\nflatten-env = maybe"))
        .isEqualTo("m.mapping:2: bad value 'maybe' for 'flatten-env' (expected on or off)");
    assertThat(problem("[keys]\nci_id = field\n\nci_id = drop"))
        .isEqualTo("m.mapping:4: 'ci_id' is already set on line 2");
    assertThat(problem("[model]\nname = x\nextends = squash"))
        .isEqualTo("m.mapping:3: 'extends' must be the first setting");
    assertThat(problem("[model]\nextends = influx"))
        .startsWith("m.mapping:2: unknown model 'influx'");
    assertThat(problem("[keys]\nstamp = tag time"))
        .isEqualTo("m.mapping:2: 'time' cannot be a tag or field name: InfluxDB reserves it");
    assertThat(problem("name = x"))
        .isEqualTo("m.mapping:1: 'name' comes before any section: start with [model], [keys] or"
            + " [tags]");
    assertThat(problem("[model]\njust words"))
        .isEqualTo("m.mapping:2: expected 'key = value', got 'just words'");
  }

  private static String problem(String text) {
    try {
      Mapping.parse("m.mapping", text);
    } catch (MappingException e) {
      return e.getMessage();
    }
    throw new AssertionError("no MappingException for: " + text);
  }

  @Test
  void thePackagesSwitchWritesOnePointPerPackageWithTheJobsTags() {
    Mapping mapping = Mapping.builtIn("notebook").withPackages(true);
    Job job = TestJobs.api(5).dateCreated("2019-03-29T18:44:45Z").dataset("hsc")
        .meta("filter_name", "r")
        .metric("validate_drp.PA1", "1")
        .pkg("afw", "3c8a1f", "https://github.com/lsst/afw", "master", null)
        .pkg("ghost", null, null, null, null)
        .build();

    List<Point> points = points(new Mapper(mapping, notes).map(job));

    assertThat(points).hasSize(2);
    assertThat(points.get(1)).isEqualTo(new Point("job 5", "packages",
        Map.of("package", "afw", "dataset", "hsc", "filter_name", "r"),
        Map.of("git_sha", new StringValue("3c8a1f"), "git_branch", new StringValue("master"),
            "git_url", new StringValue("https://github.com/lsst/afw")),
        1553885085000000005L)); // the job's own nanoseconds, as its metrics' point
    assertThat(notes.notes).containsExactly(
        new TestJobs.Note("dropped", "job 5", "packages.ghost", "no version fields"));
  }

  @Test
  void packagesAreOffByDefault() {
    Job job = TestJobs.api(6).dateCreated("2019-03-29T18:44:45Z").metric("p.m", "1")
        .pkg("afw", "3c8a1f", null, null, null).build();

    assertThat(points(new Mapper(Mapping.builtIn("squash"), notes).map(job)))
        .extracting(Point::measurement).containsExactly("p");
  }
}
