package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.testing.InfluxServer;
import io.squashinflux.testing.RelayApi;
import io.squashinflux.testing.SquashApi;
import io.squashinflux.testing.TestTls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Compressed answers, the answer size cap and per-server CAs, each through a whole sync. */
class ServerOptionsSyncTest {
  @RegisterExtension static final InfluxServer influx = InfluxServer.perClass();
  @RegisterExtension static final SquashApi api = SquashApi.perClass(5, 10);

  @TempDir Path dir;

  @Test
  void gzippedAnswersAreAskedForDecodedAndWriteTheSamePoints() throws Exception {
    Expected expected = Expected.of(api.url().toString(), influx, "gzip_reference", dir);
    try (RelayApi relay = RelayApi.http(api.url()).gzipWhenAsked()) {
      Cli.Result result = Cli.run(Cli.sync(relay.url().toString(), influx.url(), "gzipped", dir));
      assertThat(result.code()).as(result.toString()).isZero();
      assertThat(relay.gzipped.get()).as("answers sent gzipped").isEqualTo(relay.requests.get())
          .isGreaterThan(10);
      expected.assertStoredIn(influx, "gzipped");
    }
  }

  @Test
  void anAnswerOverTheCapFailsThatJobWithItsReasonAndTheOthersAreWritten() throws Exception {
    try (RelayApi relay = RelayApi.http(api.url()).pad(3 * 1024 * 1024, "/job/4")) {
      Cli.Result result = Cli.run(Cli.sync(relay.url().toString(), influx.url(), "capped", dir),
          "--max-response-size", "1MB");
      assertThat(result.code()).as(result.toString()).isEqualTo(1);
      assertThat(result.summary().path("jobs").path("failed").asInt()).isEqualTo(1);
      assertThat(result.summary().path("jobs").path("synced").asInt()).isEqualTo(9);
      assertThat(result.summary().path("failures").toString()).contains("job 4")
          .contains("larger than the 1048576 bytes --max-response-size allows");
      assertThat(Expected.points(influx, "capped"))
          .isEqualTo(result.summary().get("points_written").asLong()).isPositive();
    }
  }

  @Test
  void aPrivateCaInfluxAndAnApiWithAnotherCaAreEachTrustedByTheirOwnOption() throws Exception {
    Path influxDir = Files.createDirectories(dir.resolve("influx-ca"));
    Path apiDir = Files.createDirectories(dir.resolve("api-ca"));
    Path[] influxPem = TestTls.selfSigned(influxDir);
    Path[] apiPem = TestTls.selfSigned(apiDir);
    try (InfluxServer https = InfluxServer.builder().https(influxPem[0], influxPem[1]).start();
        RelayApi relay = RelayApi.https(api.url(), TestTls.serverContext(apiPem[0], apiPem[1]))) {
      List<String> args = Cli.sync(relay.url().toString(), https.url(), "two_cas", dir);
      args.addAll(List.of("--influx-ca-cert", influxPem[0].toString()));

      Cli.Result apiUntrusted = Cli.run(args);
      assertThat(apiUntrusted.code()).as(apiUntrusted.toString()).isEqualTo(2);
      assertThat(apiUntrusted.err()).contains("--squash-ca-cert").contains(relay.url().toString());

      args.addAll(List.of("--squash-ca-cert", apiPem[0].toString()));
      Cli.Result both = Cli.run(args);
      assertThat(both.code()).as(both.toString()).isZero();
      assertThat(both.summary().get("points_written").asLong())
          .isPositive().isEqualTo(Expected.points(https, "two_cas"));
    }
  }
}
