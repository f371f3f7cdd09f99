package io.squashinflux.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileJobSourceTest {
  @TempDir Path dir;

  @Test
  void foldersAreWalkedRecursivelyForJsonFilesInSortedOrder() throws Exception {
    write("b/two.json", "verify-file.json");
    write("a/deeper/one.json", "env-absent.json");
    write("c.json", "api-job.json");
    Files.writeString(dir.resolve("notes.txt"), "not a job");
    Path single = write("elsewhere/single.json", "extra-keys.json");

    List<String> keys = new FileJobSource(List.of(dir.resolve("a"), single, dir), 2).list();

    assertThat(keys).containsExactly(
        path("a/deeper/one.json"), path("elsewhere/single.json"), path("b/two.json"), path("c.json"));
  }

  @Test
  void missingPathIsAConfigurationError() {
    FileJobSource source = new FileJobSource(List.of(dir.resolve("nowhere")), 1);

    assertThatThrownBy(source::list)
        .isInstanceOf(SourceException.class)
        .hasMessage("no such file or folder: " + path("nowhere"))
        .satisfies(e -> assertThat(((SourceException) e).configuration()).isTrue());
  }

  @Test
  void badFilesAreReportedWithTheirPathWhileTheOthersArrive() throws Exception {
    for (int i = 0; i < 20; i++) {
      write(String.format("good/%02d.json", i), i % 2 == 0 ? "verify-file.json" : "api-job.json");
    }
    write("bad/truncated.json", "truncated.json");
    write("bad/array.json", "not-a-job-array.json");
    FileJobSource source = new FileJobSource(List.of(dir), 4);
    Collected collected = new Collected();

    source.fetch(source.list(), collected);

    assertThat(collected.calls).hasValue(22);
    assertThat(collected.jobs).hasSize(20);
    Job job = collected.jobs.get(path("good/00.json"));
    assertThat(job.origin()).isEqualTo(Job.Origin.FILE);
    assertThat(job.ref()).isEqualTo(path("good/00.json"));
    assertThat(job.id()).isNull();
    assertThat(job.url()).isNull();
    assertThat(job.measurements()).hasSize(5);
    assertThat(collected.failed).containsEntry(path("bad/array.json"),
        path("bad/array.json") + ": not a job: the document is not a JSON object");
    assertThat(collected.failed.get(path("bad/truncated.json")))
        .startsWith(path("bad/truncated.json") + ": invalid JSON (cut short) at line 1");
  }

  @Test
  void fileDeletedAfterListingIsReportedFailed() throws Exception {
    Path gone = write("gone.json", "env-absent.json");
    FileJobSource source = new FileJobSource(List.of(dir), 1);
    List<String> keys = source.list();
    Files.delete(gone);
    Collected collected = new Collected();

    source.fetch(keys, collected);

    assertThat(collected.failed.get(gone.toString())).startsWith(gone + ": cannot read: ");
  }

  @Test
  void describeNamesTheAbsolutePaths() {
    assertThat(new FileJobSource(List.of(dir.resolve("x/../y")), 1).describe())
        .isEqualTo("files " + path("y"));
  }

  private Path write(String name, String fixture) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.write(file, Fixtures.bytes(fixture));
    return file;
  }

  private String path(String name) {
    return dir.resolve(name).toAbsolutePath().normalize().toString();
  }
}
