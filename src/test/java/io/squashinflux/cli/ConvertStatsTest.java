package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.demo.JobGenerator;
import io.squashinflux.demo.SquashApiServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convert --stats} warns about a tag that would make one series per job, not about filter. */
class ConvertStatsTest {
  @TempDir Path tmp;

  @Test
  void anIdLikeTagIsFlaggedWithItsFixAndFilterIsNot() throws Exception {
    // A user model that (wrongly) keeps the SQuaSH job id as a tag: one value per job.
    Path mapping = tmp.resolve("ids-as-tags.mapping");
    Files.writeString(mapping, "[model]\nextends = squash\n\n[keys]\nid = tag squash_id\n");
    try (SquashApiServer api = SquashApiServer.start(JobGenerator.withSeed(5, 1000), 0)) {
      Cli.Result cli = Cli.run("convert", "--squash-url", api.url().toString(), "--mapping",
          mapping.toString(), "--no-default-excludes", "--stats", "--quiet");

      assertThat(cli.code()).as(cli.err()).isZero();
      assertThat(cli.out()).containsPattern("validate_drp\\s+squash_id\\s+1000\\s+1000")
          .containsPattern("validate_drp\\s+filter\\s+5\\s+1000");
      assertThat(cli.out().lines().filter(line -> line.startsWith("warning:")))
          .anySatisfy(w -> assertThat(w).contains("'squash_id'", "\"id = field\""))
          .noneSatisfy(w -> assertThat(w).contains("'filter'"));
    }
  }
}
