package io.squashinflux.cli;

import io.squashinflux.failure.UserError;
import io.squashinflux.influx.InfluxTarget;
import io.squashinflux.influx.Login;
import io.squashinflux.net.CaCerts;
import io.squashinflux.net.HttpSettings;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Which InfluxDB and database, as whom: declared once for every command that reaches one. */
final class InfluxConnection {

  @Option(names = "--influx-url", paramLabel = "URL",
      defaultValue = "${env:INFLUX_URL:-http://localhost:8086}",
      description = "InfluxDB base URL (env INFLUX_URL; default: ${DEFAULT-VALUE}).")
  String url;

  @Option(names = "--db", paramLabel = "NAME", defaultValue = "${env:INFLUX_DB:-squash-sandbox}",
      description = "Database (env INFLUX_DB; default: ${DEFAULT-VALUE}).")
  String database;

  @Option(names = {"--influx-user", "-u"}, paramLabel = "USER",
      defaultValue = "${env:INFLUX_USERNAME}",
      description = "InfluxDB user (env INFLUX_USERNAME).")
  String user;

  @Option(names = "--influx-password", paramLabel = "PASSWORD", arity = "0..1", interactive = true,
      defaultValue = "${env:INFLUX_PASSWORD}",
      description = "InfluxDB password; prefer the environment variable INFLUX_PASSWORD. Given"
          + " without a value, it is asked for. Never printed.")
  String password;

  /** The URL without credentials, and the user and password from the options or the URL. */
  Login login() {
    return Login.of(url, user, password);
  }

  /** The database as {@code convert --check-types} reads it: convert itself writes none. */
  InfluxTarget checkTarget(Path caCert, HttpSettings shared) {
    Login login = login();
    try {
      return new InfluxTarget(login.url(), database, null, login.user(), login.password(), false,
          false, InfluxTarget.DEFAULT_BATCH_LINES, InfluxTarget.DEFAULT_BATCH_BYTES,
          Duration.ofSeconds(30),
          shared.withCaCerts(CaCerts.of("--ca-cert", caCert, "--ca-cert", null)));
    } catch (IllegalArgumentException e) {
      throw new UserError("InfluxDB options: " + e.getMessage());
    }
  }
}
