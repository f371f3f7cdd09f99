package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.squashinflux.demo.JobGenerator;
import io.squashinflux.demo.SquashApiServer;
import io.squashinflux.testing.InfluxServer;
import io.squashinflux.testing.RestProxyServer;
import io.squashinflux.testing.RestProxyServer.Answer;
import io.squashinflux.testing.RestProxyServer.Request;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.DecoderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --to sasquatch:URL} against a local server playing the Kafka REST proxy: the requests are
 * what the proxy requires, every schema and record is valid Avro, and its answers (per-record
 * errors, 401, 5xx) end as the policy says.
 */
class SasquatchSyncTest {
  private static final String TOKEN = "s3cret-token-never-printed";
  private static final int JOBS = 40;
  @RegisterExtension static final InfluxServer influx = InfluxServer.perClass();

  @TempDir Path dir;

  private List<String> sync(SquashApiServer api, RestProxyServer proxy, String token) {
    return sync(api, proxy, token, "rejects.jsonl");
  }

  private List<String> sync(SquashApiServer api, RestProxyServer proxy, String token,
      String rejects) {
    return new ArrayList<>(List.of("sync", "--squash-url", api.url().toString(), "--json",
        "--quiet", "--no-default-excludes", "--to", "sasquatch:" + proxy.url(),
        "--sasquatch-token", token, "--retry-delay", "10ms",
        "--state", dir.resolve("state.json").toString(),
        "--rejects", dir.resolve(rejects).toString()));
  }

  @Test
  void everyPointIsOneValidAvroRecordPostedAsTheProxyRequires() throws Exception {
    try (SquashApiServer api = SquashApiServer.start(JobGenerator.withSeed(3, JOBS), 0);
        RestProxyServer proxy = new RestProxyServer(TOKEN)) {
      Cli.Result direct = Cli.run(Cli.sync(api.url().toString(), influx.url(), "direct", dir),
          "--no-default-excludes");
      Cli.Result run = Cli.run(sync(api, proxy, TOKEN));

      assertThat(run.code()).as(run.toString()).isZero();
      assertThat(run.out() + run.err()).doesNotContain(TOKEN);
      List<Request> requests = proxy.requests();
      assertThat(requests.get(0).method() + " " + requests.get(0).path()).isEqualTo("GET /v3/clusters");
      long records = 0;
      for (Request request : requests) {
        assertThat(request.header("Authorization")).isEqualTo("Bearer " + TOKEN);
        if (request.path().startsWith("/topics/")) {
          records += checkProduce(request);
        } else if (request.method().equals("POST")) {
          assertThat(request.path()).isEqualTo("/v3/clusters/" + RestProxyServer.CLUSTER + "/topics");
          assertThat(request.json().path("topic_name").asText()).startsWith("lsst.verify.");
          assertThat(request.json().path("partitions_count").asInt()).isPositive();
        }
      }
      assertThat(records).isEqualTo(direct.summary().get("points_written").asLong())
          .isEqualTo(run.summary().get("points_written").asLong());
      assertThat(proxy.topics()).contains("lsst.verify.validate_drp");
      Cli.Result again = Cli.run(sync(api, proxy, TOKEN));
      assertThat(again.summary().get("jobs").get("already_synced").asLong()).isEqualTo(JOBS);
    }
  }

  /** Checks one produce request as the proxy would; returns its record count. */
  private static long checkProduce(Request request) throws IOException {
    assertThat(request.header("Content-Type")).isEqualTo("application/vnd.kafka.avro.v2+json");
    assertThat(request.header("Accept")).isEqualTo("application/vnd.kafka.v2+json");
    JsonNode body = request.json();
    assertThat(body.path("value_schema").isTextual()).as("stringified schema").isTrue();
    Schema schema = new Schema.Parser().parse(body.path("value_schema").asText());
    assertThat(request.path()).isEqualTo("/topics/" + schema.getFullName());
    assertThat(schema.getNamespace()).isEqualTo("lsst.verify");
    assertThat(schema.getField("timestamp").schema().getType()).isEqualTo(Schema.Type.LONG);
    GenericDatumReader<GenericRecord> reader = new GenericDatumReader<>(schema);
    for (JsonNode record : body.path("records")) {
      GenericRecord read = reader.read(null,
          DecoderFactory.get().jsonDecoder(schema, record.path("value").toString()));
      assertThat(GenericData.get().validate(schema, read)).isTrue();
      // Microseconds since the epoch, of a job from the generator's years.
      assertThat((Long) read.get("timestamp")).isBetween(1_400_000_000_000_000L, 1_800_000_000_000_000L);
    }
    return body.path("records").size();
  }

  @Test
  void refusedRecordsAreReportedRetriableOnesAndFiveHundredsSentAgain() throws Exception {
    try (SquashApiServer api = SquashApiServer.start(JobGenerator.withSeed(4, JOBS), 0);
        RestProxyServer proxy = new RestProxyServer(TOKEN)) {
      proxy.then(Answer.status(503, "{\"error_code\":50301,\"message\":\"busy\"}"),
          Answer.recordErrors(Map.of(0, 1, 1, 2)));
      Cli.Result run = Cli.run(sync(api, proxy, TOKEN));

      assertThat(run.code()).as(run.toString()).isEqualTo(1);
      assertThat(run.summary().get("lines_rejected").asLong()).isEqualTo(1);
      assertThat(Files.readString(dir.resolve("rejects.jsonl"))).contains("error_code 1");
      Cli.Result clean = Cli.run(sync(api, proxy, TOKEN, "again.jsonl"), "--full");
      long produced = proxy.requests().stream().filter(r -> r.path().startsWith("/topics/"))
          .mapToLong(r -> r.json().path("records").size()).sum();
      assertThat(clean.code()).isZero();
      // The 503'd request was sent again whole, the retriable record once more.
      long points = run.summary().get("points_written").asLong();
      assertThat(points + 1).isEqualTo(clean.summary().get("points_written").asLong());
      assertThat(produced).isGreaterThan(2 * points);
    }
  }

  @Test
  void recordsAnsweredWithoutAnOffsetAreNotTakenAsStored() throws Exception {
    try (SquashApiServer api = SquashApiServer.start(JobGenerator.withSeed(6, 5), 0);
        RestProxyServer proxy = new RestProxyServer(TOKEN)) {
      proxy.answerWithoutOffsets(true);
      Cli.Result run = Cli.run(sync(api, proxy, TOKEN));

      assertThat(run.code()).as(run.toString()).isEqualTo(1);
      assertThat(run.summary().get("points_written").asLong()).isZero();
      assertThat(run.summary().get("lines_rejected").asLong()).isPositive();
      assertThat(Files.readString(dir.resolve("rejects.jsonl"))).contains("no offset");
      proxy.answerWithoutOffsets(false);
      Cli.Result again = Cli.run(sync(api, proxy, TOKEN, "again.jsonl"));
      assertThat(again.summary().get("jobs").get("already_synced").asLong()).isZero();
    }
  }

  @Test
  void aTokenTheProxyRefusesStopsTheRunWithExitTwoAndIsNeverPrinted() throws Exception {
    try (SquashApiServer api = SquashApiServer.start(JobGenerator.withSeed(5, 5), 0);
        RestProxyServer proxy = new RestProxyServer(TOKEN)) {
      Cli.Result run = Cli.run(sync(api, proxy, "wrong-" + TOKEN));

      assertThat(run.code()).as(run.toString()).isEqualTo(2);
      assertThat(run.err()).contains("SASQUATCH_TOKEN").doesNotContain(TOKEN);
      assertThat(proxy.requests()).hasSize(1);
    }
  }
}
