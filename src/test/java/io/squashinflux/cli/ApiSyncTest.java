package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.testing.Fault;
import io.squashinflux.testing.Faults;
import io.squashinflux.demo.JobFormat;
import io.squashinflux.demo.JobGenerator;
import io.squashinflux.demo.SquashApiServer;
import io.squashinflux.testing.InfluxServer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The API path against a real local SQuaSH-compatible server and a real influxd. */
class ApiSyncTest {
  @RegisterExtension static final InfluxServer influx = InfluxServer.perClass();

  @TempDir Path tmp;

  @Test
  void everyJobArrivesAndBrokenOnesAreReportedWhileTheOthersAreWritten() throws Exception {
    JobGenerator generator = JobGenerator.withSeed(11, 40);
    Path folder = tmp.resolve("jobs");
    Files.createDirectories(folder);
    for (long id = 1; id <= 40; id++) {
      Files.write(folder.resolve(JobFormat.API.fileName(id)), generator.bytes(id, JobFormat.API));
    }
    Files.writeString(folder.resolve("41.json"), "{\"id\": 41, \"measurements\": [ this is not JSON");
    try (SquashApiServer api = SquashApiServer.start(folder, 0)) {
      api.setFaults(Faults.none().when("/job/7", 1000, Fault.status(404)));
      Path rejects = tmp.resolve("rejects.jsonl");

      Cli.Result cli = Cli.run("sync", "--squash-url", api.url().toString(), "--influx-url", influx.url(),
          "--db", "api", "--no-default-excludes", "--no-state", "--rejects", rejects.toString(),
          "--retry-delay", "1ms", "--retry-attempts", "2", "--json", "--quiet");

      assertThat(cli.code()).isEqualTo(1);
      assertThat(cli.out()).contains("\"listed\":41", "\"synced\":39", "\"failed\":2");
      assertThat(Files.readString(rejects))
          .contains("\"job\":\"7\"", "not found (404)")
          .contains("\"job\":\"41\"", "invalid JSON");
      long written = influx.scalar("api", "SELECT count(\"validate_drp.PA1\") FROM validate_drp").asLong();
      long expected = 0;
      for (long id = 1; id <= 40; id++) {
        if (id != 7 && !generator.apiJob(id).path("measurements").toString().isEmpty()
            && hasPa1(generator, id)) {
          expected++;
        }
      }
      assertThat(written).isEqualTo(expected);
    }
  }

  @Test
  void autoPicksV1ForInfluxdb16AndSaysSoInTheSummary() throws Exception {
    try (SquashApiServer api = SquashApiServer.start(JobGenerator.withSeed(3, 5), 0)) {
      Cli.Result cli = Cli.run("sync", "--squash-url", api.url().toString(), "--influx-url",
          influx.url(), "--db", "auto1", "--no-default-excludes", "--no-state", "--json",
          "--rejects", tmp.resolve("rejects.jsonl").toString());
      assertThat(cli.code()).as(cli.toString()).isZero();
      assertThat(cli.summary().path("influx_api").asText()).isEqualTo("v1");
      assertThat(cli.err()).contains("target: InfluxDB API v1 (POST /write, database auto1;"
          + " detected from X-Influxdb-Version 1.6.7");
      assertThat(influx.rows("auto1", "SHOW MEASUREMENTS")).isNotEmpty();
    }
  }

  private static boolean hasPa1(JobGenerator generator, long id) {
    for (var measurement : generator.apiJob(id).path("measurements")) {
      if (measurement.path("metric").asText().equals("validate_drp.PA1")
          && measurement.path("value").isNumber()) {
        return true;
      }
    }
    return false;
  }
}
