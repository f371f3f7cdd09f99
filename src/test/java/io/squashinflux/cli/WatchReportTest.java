package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.demo.GeneratorSettings;
import io.squashinflux.demo.JobGenerator;
import io.squashinflux.demo.Regression;
import io.squashinflux.demo.SquashApiServer;
import io.squashinflux.testing.InfluxServer;
import io.squashinflux.testing.WebhookReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code watch --report --notify}: a regression that arrives with a later batch of jobs. */
class WatchReportTest {
  /** A regression row of PA1, alone or as a filter's row of one event. */
  private static final String WORSE_PA1_ROW = "<tr class=\"worse( member)?\" data-metric=\"validate_drp.PA1\"";

  @RegisterExtension static final InfluxServer influx = InfluxServer.perClass();
  /** A safety net only: every wait below ends on an event long before it. */
  private static final Duration PATIENCE = Duration.ofSeconds(180);
  private static final String PA1 = "validate_drp.PA1 on validation_data_hsc / ";

  @TempDir Path dir;

  @Test
  void theCycleThatSyncsARegressionRewritesThePageAndTellsItOnce() throws Exception {
    JobGenerator plain = JobGenerator.withSeed(3, 300);
    // Only the jobs after the first 300, served later, carry the regression.
    JobGenerator generator = new JobGenerator(GeneratorSettings.of(3, 300)
        .withRegression(Regression.DEFAULT.at(plain.dateCreated(301))));
    Path page = dir.resolve("page.html");
    try (SquashApiServer api = SquashApiServer.start(generator, 0);
        WebhookReceiver hook = WebhookReceiver.start("s3cr3t-watch");
        Child watch = Child.start(dir, "watch", List.of("watch", "--squash-url",
            api.url().toString(), "--influx-url", influx.url(), "--db", "w", "--mapping", "squash",
            "--interval", "1s", "--state", dir.resolve("state.json").toString(),
            "--report", page.toString(), "--notify", hook.url(), "--notified",
            dir.resolve("notified.json").toString()))) {
      awaitTrue(() -> watch.err().contains("cycle 1: 300 new jobs synced"), watch);
      assertThat(page).isNotEmptyFile();
      assertThat(Files.readString(page)).doesNotContainPattern(WORSE_PA1_ROW);
      assertThat(hook.messages()).noneMatch(m -> m.contains(PA1));

      api.addJobs(150);
      awaitTrue(() -> hook.messages().stream().anyMatch(m -> m.contains(PA1)), watch);
      assertThat(Files.readString(page)).containsPattern(WORSE_PA1_ROW);
      // Told by the very cycle that synced the new jobs: its report line comes right before it.
      awaitTrue(() -> watch.err().contains("150 new jobs synced"), watch);
      List<String> lines = watch.err().lines().toList();
      int synced = lines.indexOf(lines.stream().filter(l -> l.contains("150 new jobs synced"))
          .findFirst().orElseThrow());
      assertThat(lines.get(synced - 1)).startsWith("squash-influx: report ")
          .containsPattern("; [1-9]\\d* new findings told");

      // Two more cycles (no new jobs): nothing is told again.
      int cycles = count(watch.err(), "new jobs synced");
      awaitTrue(() -> count(watch.err(), "new jobs synced") >= cycles + 2, watch);
      assertThat(hook.messages().stream().filter(m -> m.contains(PA1))).hasSize(1);
      assertThat(watch.err() + watch.out()).doesNotContain("s3cr3t");

      watch.terminate();
      assertThat(watch.exitCode(PATIENCE)).as(watch.err()).isZero();
    }
  }

  private static int count(String text, String what) {
    return (int) text.lines().filter(l -> l.contains(what)).count();
  }

  private static void awaitTrue(BooleanSupplier condition, Child child) throws InterruptedException {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (!child.isAlive() || System.nanoTime() > deadline) {
        throw new AssertionError("condition not met; alive " + child.isAlive() + "; stderr: "
            + child.err());
      }
      Thread.sleep(50);
    }
  }
}
