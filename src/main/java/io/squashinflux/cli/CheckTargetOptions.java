package io.squashinflux.cli;

import io.squashinflux.net.CaCerts;
import io.squashinflux.failure.UserError;
import io.squashinflux.influx.InfluxTarget;
import io.squashinflux.influx.Login;
import io.squashinflux.net.HttpSettings;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Mixin;

/** The database {@code convert --check-types} compares with: convert itself writes none. */
final class CheckTargetOptions {

  @Mixin InfluxConnection connection;

  InfluxTarget target(Path caCert, HttpSettings shared) {
    try {
      Login login = connection.login();
      return new InfluxTarget(login.url(), connection.database, null, login.user(),
          login.password(), false, false,
          InfluxTarget.DEFAULT_BATCH_LINES, InfluxTarget.DEFAULT_BATCH_BYTES,
          Duration.ofSeconds(30),
          shared.withCaCerts(CaCerts.of("--ca-cert", caCert, "--ca-cert", null)));
    } catch (IllegalArgumentException e) {
      throw new UserError("InfluxDB options: " + e.getMessage());
    }
  }
}
