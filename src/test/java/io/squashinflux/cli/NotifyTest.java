package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.squashinflux.demo.Plant;
import io.squashinflux.testing.InfluxServer;
import io.squashinflux.testing.WebhookReceiver;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code report --notify} to a webhook receiver on loopback, over a real influxd with planted shifts. */
class NotifyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static InfluxServer influx;
  private static TrendData data;
  @TempDir static Path dir;

  @BeforeAll
  static void sync() throws Exception {
    influx = InfluxServer.start();
    data = TrendData.start(influx, 1200, 3, 0, 0, 0);
    TrendData.writeSpecs(dir);
  }

  @AfterAll
  static void stop() {
    influx.close();
  }

  private static List<String> report(String name, String... more) {
    List<String> args = new ArrayList<>(List.of("report", "--influx-url", influx.url(), "--db",
        "squash", "--mapping", "squash", "--specs", dir.resolve("specs.json").toString(),
        "-o", dir.resolve(name + ".html").toString(), "--findings",
        dir.resolve(name + ".json").toString(), "--notified",
        dir.resolve(name + ".notified.json").toString()));
    args.addAll(List.of(more));
    return args;
  }

  /** The planted regressions: the demo's PA1 on each HSC filter, and every planted step. */
  private static List<String> planted() {
    List<String> names = new ArrayList<>();
    for (String f : List.of("g", "r", "i", "z", "y")) {
      names.add("validate_drp.PA1 on validation_data_hsc / " + f + ":");
    }
    for (Plant p : data.generator.plants()) {
      if (p.kind() == Plant.Kind.STEP) {
        names.add(p.metric() + " on " + p.dataset() + " / " + p.filter() + ":");
      }
    }
    return names;
  }

  @Test
  void oneMessageNamesEveryPlantedRegressionAndASecondRunSendsNothing() throws Exception {
    try (WebhookReceiver hook = WebhookReceiver.start("s3cr3t-t0ken-one")) {
      Cli.Result first = Cli.run(report("once"), "--notify", hook.url());
      assertThat(first.code()).as(first.toString()).isZero();
      assertThat(hook.messages()).hasSize(1);
      JsonNode message = JSON.readTree(hook.messages().get(0));
      String text = message.get("text").asText();
      for (String regression : planted()) {
        assertThat(text).contains(regression);
      }
      JsonNode regressions = JSON.readTree(dir.resolve("once.json").toFile()).get("regressions");
      assertThat(text.lines().filter(l -> l.startsWith("- ") && !l.startsWith("- changed:")))
          .hasSize(regressions.size());
      assertThat(message.get("blocks").size()).isGreaterThan(1);
      assertThat(first.out()).contains("Notified:    " + regressions.size() + " new findings");

      Cli.Result second = Cli.run(report("once"), "--notify", hook.url());
      assertThat(second.code()).as(second.toString()).isZero();
      assertThat(hook.messages()).hasSize(1);
      assertNoSecret(hook, first, second);
    }
  }

  @Test
  void aFailingWebhookCostsNothingAndTheNextRunSendsEveryFinding() throws Exception {
    try (WebhookReceiver hook = WebhookReceiver.start("s3cr3t-t0ken-two")) {
      hook.answer(500);
      Cli.Result failed = Cli.run(report("outage"), "--notify", hook.url(),
          "--notify-retry-time", "2s", "--notify-format", "json");
      assertThat(failed.code()).as(failed.toString()).isEqualTo(1);
      assertThat(failed.err().lines()).as(failed.toString()).singleElement().asString()
          .startsWith("squash-influx: the webhook at http://127.0.0.1:").contains("500");
      assertThat(hook.refused()).isGreaterThan(1); // retried
      assertThat(dir.resolve("outage.html")).isNotEmptyFile();
      assertThat(hook.messages()).isEmpty();

      hook.answer(200);
      Cli.Result recovered = Cli.run(report("outage"), "--notify", hook.url(),
          "--notify-format", "json");
      assertThat(recovered.code()).as(recovered.toString()).isZero();
      assertThat(hook.messages()).hasSize(1);
      JsonNode sent = JSON.readTree(hook.messages().get(0));
      JsonNode page = JSON.readTree(dir.resolve("outage.json").toFile());
      assertThat(sent.get("regressions")).isEqualTo(page.get("regressions"));

      Cli.Result after = Cli.run(report("outage"), "--notify", hook.url());
      assertThat(after.code()).isZero();
      assertThat(hook.messages()).hasSize(1);
      assertNoSecret(hook, failed, recovered, after);
    }
  }

  @Test
  void theUrlFromTheEnvironmentIsNeitherPrintedNorStored() throws Exception {
    try (WebhookReceiver hook = WebhookReceiver.start("s3cr3t-t0ken-three")) {
      Path state = Files.createDirectories(dir.resolve("xdg-state"));
      List<String> args = new ArrayList<>(List.of("report", "--influx-url", influx.url(), "--db",
          "squash", "--mapping", "squash", "--specs", dir.resolve("specs.json").toString(),
          "-o", dir.resolve("env.html").toString(), "--verbose"));
      Cli.Result run = Cli.child(Map.of("SQUASH_INFLUX_NOTIFY_URL", hook.url(),
          "XDG_STATE_HOME", state.toString()), dir, args.toArray(String[]::new));
      assertThat(run.code()).as(run.toString()).isZero();
      assertThat(hook.messages()).hasSize(1);
      try (Stream<Path> files = Files.walk(state)) {
        assertThat(files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()))
            .singleElement().asString().endsWith(".notified.json");
      }
      assertNoSecret(hook, run);
    }
  }

  /** The URL's secret part is in no output and in no file the runs left. */
  private static void assertNoSecret(WebhookReceiver hook, Cli.Result... runs) throws IOException {
    for (Cli.Result run : runs) {
      assertThat(run.out() + run.err()).doesNotContain(hook.secretPath()).doesNotContain("s3cr3t");
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1))
            .as(file.toString()).doesNotContain("s3cr3t");
      }
    }
  }
}
