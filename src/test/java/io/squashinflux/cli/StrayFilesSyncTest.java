package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.squashinflux.testing.Database;
import io.squashinflux.testing.InfluxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder given to {@code --from} that holds a named pipe called {@code *.json} (left by a tool
 * that streams jobs): the pipe is named in one line and counted, never opened, and every job file
 * beside it is synced.
 */
class StrayFilesSyncTest {
  @RegisterExtension static final InfluxServer influx = InfluxServer.perClass();
  @TempDir Path dir;

  @Test
  void aNamedPipeInTheFolderIsReportedAndTheRestSynced() throws Exception {
    Path jobs = dir.resolve("jobs");
    JobFiles files = JobFiles.generate(jobs);
    Path pipe = jobs.resolve("stray.json");
    assertThat(new ProcessBuilder("mkfifo", pipe.toString()).start().waitFor()).isZero();

    try (Child sync = Child.start(dir, "sync", List.of("sync", "--from", jobs.toString(),
        "--influx-url", influx.url(), "--db", "stray", "--no-default-excludes",
        "--state", dir.resolve("state.json").toString(),
        "--rejects", dir.resolve("rejects.jsonl").toString(), "--json"))) {
      int code = sync.exitCode(Duration.ofSeconds(60));

      assertThat(code).as(sync.err()).isEqualTo(1);
      JsonNode summary = Cli.parse(sync.out());
      assertThat(summary.path("jobs").path("failed").asInt()).isEqualTo(1);
      assertThat(summary.path("jobs").path("synced").asInt()).isEqualTo(30);
      assertThat(sync.err().lines().filter(l -> l.contains(pipe.toString())))
          .singleElement().asString().contains("a named pipe, not a regular file");
      assertThat(Files.readString(dir.resolve("rejects.jsonl"))).contains(pipe.toString());
    }
    assertThat(new Database(influx, "stray").points()).isEqualTo(files.lines().size());
  }
}
