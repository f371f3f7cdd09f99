package io.squashinflux.cli;

import io.squashinflux.influx.InfluxTarget;
import io.squashinflux.influx.Secret;
import io.squashinflux.net.HttpSettings;
import io.squashinflux.ledger.Urls;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The database {@code convert --check-types} compares with: convert itself writes none. */
final class CheckTargetOptions {

  @Option(names = "--influx-url", paramLabel = "URL",
      defaultValue = "${env:INFLUX_URL:-http://localhost:8086}",
      description = "With --check-types: the InfluxDB 1.x to compare with (env INFLUX_URL;"
          + " default: ${DEFAULT-VALUE}).")
  String url;

  @Option(names = "--db", paramLabel = "NAME", defaultValue = "${env:INFLUX_DB:-squash-sandbox}",
      description = "With --check-types: its database (env INFLUX_DB; default: ${DEFAULT-VALUE}).")
  String database;

  @Option(names = {"--influx-user", "-u"}, paramLabel = "USER",
      defaultValue = "${env:INFLUX_USERNAME}", description = "InfluxDB user (env INFLUX_USERNAME).")
  String user;

  @Option(names = "--influx-password", paramLabel = "PASSWORD", arity = "0..1", interactive = true,
      defaultValue = "${env:INFLUX_PASSWORD}",
      description = "InfluxDB password; prefer the environment variable INFLUX_PASSWORD.")
  String password;

  InfluxTarget target(Path caCert, HttpSettings shared) {
    URI uri;
    try {
      uri = new URI(url.trim());
    } catch (URISyntaxException e) {
      throw new UserError("--influx-url is not a URL: " + Urls.masked(e.getMessage()));
    }
    try {
      return new InfluxTarget(uri, database, null, user == null || user.isBlank() ? null : user,
          Secret.of(password), false, false, InfluxTarget.DEFAULT_BATCH_LINES,
          InfluxTarget.DEFAULT_BATCH_BYTES, Duration.ofSeconds(30),
          shared.withCaCerts(Tls.caCerts("--ca-cert", caCert, "--ca-cert", null)));
    } catch (IllegalArgumentException e) {
      throw new UserError("InfluxDB options: " + e.getMessage());
    }
  }
}
