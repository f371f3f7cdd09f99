package io.squashinflux.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --from} reads what a user points it at: a FIFO, and folders reached by a link. */
class FileKindsTest {
  private static final String JOB =
      "{\"measurements\": [{\"metric\": \"validate_drp.AM1\", \"value\": 1.0}]}";

  @TempDir Path dir;

  private static List<Job> read(FileJobSource source) throws Exception {
    List<Job> jobs = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    source.fetch(source.list(), new JobSource.Consumer() {
      @Override
      public synchronized void job(Job job) {
        jobs.add(job);
      }

      @Override
      public synchronized void failed(String key, String reason) {
        failures.add(reason);
      }
    });
    assertThat(failures).isEmpty();
    return jobs;
  }

  @Test
  void aFifoIsReadLikeAFile() throws Exception {
    Path fifo = dir.resolve("job.fifo");
    assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
    Thread writer = new Thread(() -> {
      try {
        Files.writeString(fifo, JOB, StandardCharsets.UTF_8); // blocks until the reader opens it
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    writer.start();

    List<Job> jobs = read(new FileJobSource(List.of(fifo), 1));

    writer.join();
    assertThat(jobs).singleElement().satisfies(job ->
        assertThat(job.measurements()).hasSize(1));
  }

  @Test
  void linkedFoldersAreFollowedAndALoopIsWalkedOnce() throws Exception {
    Path real = Files.createDirectories(dir.resolve("elsewhere/jobs"));
    Files.writeString(real.resolve("a.json"), JOB, StandardCharsets.UTF_8);
    Path top = Files.createDirectories(dir.resolve("top"));
    Files.writeString(top.resolve("b.json"), JOB, StandardCharsets.UTF_8);
    Files.createSymbolicLink(top.resolve("linked"), real);
    Files.createSymbolicLink(top.resolve("loop"), top); // points back up

    List<String> keys = new FileJobSource(List.of(top), 1).list();

    assertThat(keys).containsExactly(
        top.resolve("b.json").toString(), top.resolve("linked/a.json").toString());
  }
}
