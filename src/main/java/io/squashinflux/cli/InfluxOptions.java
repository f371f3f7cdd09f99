package io.squashinflux.cli;

import io.squashinflux.net.CaCerts;
import io.squashinflux.failure.UserError;
import io.squashinflux.influx.InfluxTarget;
import io.squashinflux.influx.Login;
import io.squashinflux.net.HttpSettings;
import io.squashinflux.net.Loopback;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where to write: the InfluxDB options shared by {@code sync} and {@code watch}. */
final class InfluxOptions {

  @Mixin InfluxConnection connection;

  @Mixin InfluxApiOptions api;

  @Option(names = "--rp", paramLabel = "NAME",
      description = "Retention policy (default: the database's default).")
  String retentionPolicy;

  @Option(names = "--no-create-db", negatable = false,
      description = "Do not create the database; fail if it is missing.")
  boolean noCreateDatabase;

  @Option(names = "--batch-lines", paramLabel = "N", defaultValue = "5000",
      description = "Most lines per write request (default: ${DEFAULT-VALUE}).")
  int batchLines;

  @Option(names = "--batch-bytes", paramLabel = "BYTES", defaultValue = "4194304",
      description = "Most uncompressed bytes per write request (default: ${DEFAULT-VALUE}).")
  int batchBytes;

  /** When write requests are compressed. */
  enum Gzip {
    auto,
    always,
    never
  }

  @Option(names = "--gzip", paramLabel = "WHEN", defaultValue = "auto",
      description = "Compress write requests: auto (default: unless InfluxDB is on this machine,"
          + " a loopback address, where compressing only costs CPU), always or never.")
  Gzip gzip;

  @Option(names = "--no-gzip", description = "Send write requests uncompressed: --gzip never.")
  boolean noGzip;

  @Option(names = "--influx-timeout", paramLabel = "DURATION", defaultValue = "30s",
      converter = DurationConverter.class,
      description = "Connect and request timeout for InfluxDB (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(names = "--ca-cert", paramLabel = "FILE",
      description = "PEM certificate of a CA to trust for https URLs of InfluxDB and SQuaSH both,"
          + " in addition to the JDK's CAs.")
  Path caCert;

  @Option(names = "--influx-ca-cert", paramLabel = "FILE",
      description = "PEM certificate of a CA to trust for an https InfluxDB URL, in addition to"
          + " the JDK's CAs.")
  Path influxCaCert;

  /** The target, reached with {@code shared}'s proxies and size cap and this side's CAs. */
  InfluxTarget target(HttpSettings shared) {
    Login login = connection.login();
    HttpSettings http = shared.withCaCerts(
        CaCerts.of("--ca-cert", caCert, "--influx-ca-cert", influxCaCert));
    try {
      return new InfluxTarget(login.url(), connection.database, retentionPolicy, login.user(),
          login.password(), !noCreateDatabase, compress(login.url()), batchLines, batchBytes,
          timeout, http, api.settings());
    } catch (IllegalArgumentException e) {
      throw new UserError("InfluxDB options: " + e.getMessage());
    }
  }

  /** For reading back: proxies from the environment, and a whole metric in one exchange. */
  InfluxTarget readTarget() {
    return target(HttpSettings.defaults().withTimeouts(timeout, Duration.ofMinutes(10)));
  }

  private boolean compress(URI uri) {
    if (noGzip || gzip == Gzip.never) {
      return false;
    }
    return gzip == Gzip.always || !Loopback.is(uri.getHost());
  }
}
