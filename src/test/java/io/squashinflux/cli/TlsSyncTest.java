package io.squashinflux.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.squashinflux.demo.JobGenerator;
import io.squashinflux.demo.SquashApiServer;
import io.squashinflux.testing.InfluxServer;
import io.squashinflux.testing.TestTls;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An https influxd with a self-signed certificate: refused without --ca-cert, written with it. */
class TlsSyncTest {

  @Test
  void selfSignedInfluxIsRefusedWithoutCaCertAndWrittenWithIt(@TempDir Path dir) throws Exception {
    Path[] pem = TestTls.selfSigned(dir);
    try (InfluxServer influx = InfluxServer.builder().https(pem[0], pem[1]).start();
        SquashApiServer api = SquashApiServer.start(JobGenerator.withSeed(6, 10), 0)) {
      List<String> args = Cli.sync(api.url().toString(), influx.url(), "tls", dir);

      Cli.Result refused = Cli.run(args);
      assertThat(refused.code()).as(refused.toString()).isEqualTo(2);
      assertThat(refused.err().strip().lines()).singleElement().asString()
          .contains("--ca-cert").contains(influx.url());

      args.addAll(List.of("--ca-cert", pem[0].toString()));
      Cli.Result accepted = Cli.run(args);
      assertThat(accepted.code()).as(accepted.toString()).isZero();
      assertThat(accepted.summary().get("points_written").asLong())
          .isPositive().isEqualTo(Expected.points(influx, "tls"));
    }
  }
}
