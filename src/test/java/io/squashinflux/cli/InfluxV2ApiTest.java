package io.squashinflux.cli;

import io.squashinflux.testing.Await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.squashinflux.testing.InfluxApiServer;
import io.squashinflux.testing.InfluxApiServer.Request;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --influx-api v2} (and auto) against a local server playing InfluxDB 2.x by its documented
 * answers (InfluxDB 2.x cannot be installed here): the wire format, the token, the bucket checked
 * and created, and every error answer through the policy table.
 */
class InfluxV2ApiTest {
  static final String TOKEN = "tok-5ecret-Xy9";
  @TempDir static Path folder;
  @TempDir Path dir;
  static JobFiles jobs;
  static List<String> expected;

  @BeforeAll
  static void generateJobs() {
    jobs = JobFiles.generate(folder);
    expected = jobs.lines();
  }

  private List<String> sync(InfluxApiServer server, String... more) {
    List<String> args = jobs.sync(server.url(), TOKEN, dir, "--org", "lsst");
    args.addAll(List.of(more));
    return args;
  }

  @Test
  void autoPicksV2ChecksTheBucketThenWritesEveryLineWithTheToken() throws IOException {
    try (InfluxApiServer server = InfluxApiServer.v2(TOKEN, "lsst").bucket("squash")) {
      Cli.Result result = Cli.run(sync(server, "--json"));
      assertThat(result.code()).as(result.toString()).isZero();
      assertThat(server.stored().stream().sorted().toList()).isEqualTo(expected);

      JsonNode summary = result.summary();
      assertThat(summary.path("influx_api").asText()).isEqualTo("v2");
      assertThat(summary.path("target").asText()).contains("/api/v2/write, bucket squash in org lsst")
          .contains("X-Influxdb-Version v2.7.10").contains("bucket checked");
      List<Request> requests = server.requests();
      assertThat(requests.get(0).path()).isEqualTo("/ping");
      assertThat(requests.get(1).path()).isEqualTo("/api/v2/buckets");
      assertThat(requests.get(1).query()).containsEntry("name", "squash").containsEntry("org", "lsst");
      List<Request> writes = server.requests("/api/v2/write");
      assertThat(writes).isNotEmpty().allSatisfy(write -> {
        assertThat(write.method()).isEqualTo("POST");
        assertThat(write.query()).isEqualTo(Map.of("org", "lsst", "bucket", "squash", "precision", "ns"));
        assertThat(write.header("authorization")).isEqualTo("Token " + TOKEN);
        assertThat(write.header("content-type")).startsWith("text/plain");
      });
      assertThat(requests).allSatisfy(r -> assertThat(r.query().toString()).doesNotContain(TOKEN));
      assertThat(result.out() + result.err()).doesNotContain(TOKEN);
      assertThat(Files.readString(dir.resolve("state.json"))).doesNotContain(TOKEN)
          .contains("v2 org lsst bucket squash");
    }
  }

  @Test
  void bucketNamedApartFromTheDatabaseAndAStateOfAnotherBucketIsRefused() throws IOException {
    try (InfluxApiServer server = InfluxApiServer.v2(TOKEN, "lsst").bucket("b1").bucket("b2")) {
      assertThat(Cli.run(sync(server, "--influx-api", "v2", "--bucket", "b1", "--quiet")).code())
          .isZero();
      assertThat(server.requests("/api/v2/write").get(0).query()).containsEntry("bucket", "b1");
      Cli.Result other = Cli.run(sync(server, "--influx-api", "v2", "--bucket", "b2"));
      assertThat(other.code()).as(other.toString()).isEqualTo(2);
      assertThat(other.err().strip().lines()).singleElement().asString().contains("state");
    }
  }

  @Test
  void missingBucketStopsBeforeAnyWriteWithOneLine() {
    try (InfluxApiServer server = v2()) {
      Cli.Result result = Cli.run(sync(server));
      assertThat(result.code()).isEqualTo(2);
      assertThat(result.err().strip().lines()).singleElement().asString()
          .contains("bucket \"squash\" not found").contains("--create-bucket");
      assertThat(server.requests("/api/v2/write")).isEmpty();
    }
  }

  @Test
  void createBucketFindsTheOrgIdAndCreatesIt() throws IOException {
    try (InfluxApiServer server = v2()) {
      Cli.Result result = Cli.run(sync(server, "--create-bucket"));
      assertThat(result.code()).as(result.toString()).isZero();
      assertThat(server.requests("/api/v2/orgs").get(0).query()).containsEntry("org", "lsst");
      Request create = server.requests().stream().filter(r -> r.method().equals("POST")
          && r.path().equals("/api/v2/buckets")).findFirst().orElseThrow();
      JsonNode body = Cli.parse(create.body());
      assertThat(body.path("orgID").asText()).isEqualTo(InfluxApiServer.ORG_ID);
      assertThat(body.path("name").asText()).isEqualTo("squash");
      assertThat(server.stored().stream().sorted().toList()).isEqualTo(expected);
      assertThat(result.err()).contains("bucket created");
    }
  }

  @Test
  void createBucketRefusedSaysWhichPermissionIsMissing() {
    try (InfluxApiServer server = v2().withoutBucketCreation()) {
      Cli.Result result = Cli.run(sync(server, "--create-bucket"));
      assertThat(result.code()).isEqualTo(2);
      assertThat(result.err().strip().lines()).singleElement().asString()
          .contains("may not create buckets").contains("write:orgs/");
    }
  }

  @Test
  void unknownOrganisationAndRefusedTokenAreExit2WithOneLine() {
    try (InfluxApiServer server = v2().bucket("squash")) {
      List<String> nope = sync(server);
      nope.set(nope.indexOf("lsst"), "nope");
      Cli.Result org = Cli.run(nope);
      assertThat(org.code()).isEqualTo(2);
      assertThat(org.err().strip().lines()).singleElement().asString()
          .contains("organisation not found").contains("--org");

      List<String> noOrg = sync(server);
      noOrg.remove(noOrg.indexOf("--org") + 1);
      noOrg.remove("--org");
      Cli.Result withoutOrg = Cli.run(noOrg);
      assertThat(withoutOrg.code()).isEqualTo(2);
      assertThat(withoutOrg.err().strip().lines()).singleElement().asString().contains("--org");
      assertThat(server.requests("/api/v2/write")).isEmpty();

      List<String> args = sync(server);
      args.set(args.indexOf(TOKEN), "wrong-token");
      Cli.Result token = Cli.run(args);
      assertThat(token.code()).isEqualTo(2);
      assertThat(token.err().strip().lines()).singleElement().asString()
          .contains("INFLUX_TOKEN").doesNotContain("wrong-token");
    }
  }

  @Test
  void unparsableLineRefusesTheRequestWholeAndBisectionStoresEveryOtherLine() throws IOException {
    try (InfluxApiServer server = v2().bucket("squash").unparsable("instrument=CFHT")) {
      Cli.Result result = Cli.run(sync(server, "--json"));
      jobs.assertRefusedTheRestStored("instrument=CFHT", result, server);
      assertThat(Files.readString(dir.resolve("rejects.jsonl"))).contains("unable to parse");
    }
  }

  @Test
  void pointsBeyondRetentionAnswered422AreNamedOneByOne() throws IOException {
    List<Long> times = expected.stream().map(l -> Long.parseLong(l.substring(l.lastIndexOf(' ') + 1)))
        .sorted().toList();
    long cutoff = times.get(5);
    try (InfluxApiServer server = v2().bucket("squash").retentionCutoff(cutoff)) {
      Cli.Result result = Cli.run(sync(server, "--json"));
      assertThat(result.code()).isEqualTo(1);
      long old = times.stream().filter(t -> t < cutoff).count();
      assertThat(result.summary().path("lines_rejected").asLong()).isEqualTo(old);
      List<String> rejects = Files.readAllLines(dir.resolve("rejects.jsonl")).stream()
          .filter(r -> r.contains("\"kind\":\"rejected\"")).toList();
      assertThat(rejects).hasSize((int) old)
          .allSatisfy(r -> assertThat(r).contains("beyond retention").contains("\"line\""));
      // A 422 writes the good lines but does not say which were dropped, so the batch is split
      // to name them and good lines are sent again: harmless, InfluxDB keeps a point once.
      assertThat(server.stored().stream().distinct().count()).isEqualTo(expected.size() - old);
    }
  }

  @Test
  void throttledAndUnavailableAnswersAreRetriedAndTooLargeBodiesSplit() {
    try (InfluxApiServer server = v2().bucket("squash").maxBody(6000)
        .script("/api/v2/write", 429, InfluxApiServer.error("too many requests", "slow down"), "0")
        .script("/api/v2/write", 503, InfluxApiServer.error("unavailable", "busy"), "0")) {
      Cli.Result result = Cli.run(sync(server, "--gzip", "never"));
      assertThat(result.code()).as(result.toString()).isZero();
      assertThat(server.stored().stream().sorted().toList()).isEqualTo(expected);
      List<Request> writes = server.requests("/api/v2/write");
      assertThat(writes.subList(0, 2)).allSatisfy(w ->
          assertThat(Integer.parseInt(w.header("x-body-bytes"))).isGreaterThan(6000));
      assertThat(writes).anySatisfy(w ->
          assertThat(Integer.parseInt(w.header("x-body-bytes"))).isLessThanOrEqualTo(6000));
    }
  }

  @Test
  void tokenFromTheEnvironmentIsNeverPrintedAndNotAcceptedInAConfigFile() throws IOException {
    Path config = dir.resolve("sync.properties");
    Files.writeString(config, "influx-token = " + TOKEN + "\n");
    Cli.Result refused = Cli.run("sync", "--config", config.toString(), "--from", folder.toString());
    assertThat(refused.code()).isEqualTo(2);
    assertThat(refused.err()).contains("INFLUX_TOKEN").doesNotContain(TOKEN);

    Cli.Result help = Cli.child(Map.of("INFLUX_TOKEN", TOKEN), dir, "sync", "--help");
    assertThat(help.out()).contains("--influx-token").doesNotContain(TOKEN);

    try (InfluxApiServer server = v2().bucket("squash")) {
      Files.writeString(config, "influx-api = v2\norg = lsst\nbucket = squash\n");
      Cli.Result result = Cli.child(Map.of("INFLUX_TOKEN", TOKEN), dir, "sync", "--config",
          config.toString(), "--from", folder.toString(), "--influx-url", server.url(), "--no-state",
          "--rejects", dir.resolve("rejects.jsonl").toString());
      assertThat(result.code()).as(result.toString()).isZero();
      assertThat(server.requests("/api/v2/write").get(0).header("authorization"))
          .isEqualTo("Token " + TOKEN);
      assertThat(result.out() + result.err()).doesNotContain(TOKEN).contains("as --influx-api says");
    }
  }

  @Test
  void v1WithATokenSendsItAsAuthorizationTokenToTheV1Endpoint() {
    try (InfluxApiServer server = v2().bucket("squash")) {
      Cli.Result result = Cli.run(sync(server, "--influx-api", "v1", "--no-create-db", "--json"));
      assertThat(result.code()).as(result.toString()).isZero();
      assertThat(result.summary().path("influx_api").asText()).isEqualTo("v1");
      assertThat(server.requests("/write")).isNotEmpty().allSatisfy(write -> {
        assertThat(write.query()).isEqualTo(Map.of("db", "squash", "precision", "ns"));
        assertThat(write.header("authorization")).isEqualTo("Token " + TOKEN);
      });
      assertThat(server.stored().stream().sorted().toList()).isEqualTo(expected);
    }
  }

  @Test
  void watchTakesTheV2OptionsFromAConfigFileAndWritesEveryLine() throws Exception {
    try (InfluxApiServer server = v2().bucket("squash")) {
      Path config = dir.resolve("watch.properties");
      Files.writeString(config, "influx-api = v2\norg = lsst\nbucket = squash\ninterval = 1h\n");
      List<String> args = sync(server, "--config", config.toString());
      args.set(0, "watch");
      try (Child watch = Child.start(dir, "watch", args)) {
        Await.until("every line stored", java.time.Duration.ofSeconds(60),
            () -> !watch.isAlive() || server.stored().size() >= expected.size(), watch::err);
        watch.terminate();
        assertThat(watch.exitCode(java.time.Duration.ofSeconds(30))).as(watch.err()).isZero();
        assertThat(watch.err()).contains("writing with InfluxDB API v2").doesNotContain(TOKEN);
      }
      assertThat(server.stored().stream().sorted().toList()).isEqualTo(expected);
      assertThat(server.requests("/api/v2/buckets")).hasSize(1);
      assertThat(server.requests("/api/v2/write")).allSatisfy(w ->
          assertThat(w.header("authorization")).isEqualTo("Token " + TOKEN));
    }
  }

  private static InfluxApiServer v2() {
    try {
      return InfluxApiServer.v2(TOKEN, "lsst");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
