package io.squashinflux.cli;

import io.squashinflux.net.CaCerts;
import io.squashinflux.failure.UserError;
import io.squashinflux.influx.ApiSettings;
import io.squashinflux.influx.ApiVersion;
import io.squashinflux.influx.InfluxTarget;
import io.squashinflux.influx.Login;
import io.squashinflux.influx.Secret;
import io.squashinflux.net.HttpSettings;
import io.squashinflux.net.Loopback;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Where to write: the InfluxDB options shared by {@code sync} and {@code watch}. */
final class InfluxOptions {

  @Mixin InfluxConnection connection;

  /** The values of --influx-api: which write API; the token, org and bucket are for v2 and v3. */
  enum Api { auto, v1, v2, v3 }

  @Option(names = "--influx-api", paramLabel = "API", defaultValue = "${env:INFLUX_API:-auto}",
      description = "Write API: auto (default: read X-Influxdb-Version from GET /ping: 1.x v1, 2.x"
          + " v2, 3.x v3, none v1), v1 (/write: InfluxDB 1.x, VictoriaMetrics, QuestDB), v2"
          + " (/api/v2/write: InfluxDB 2.x, Cloud) or v3 (/api/v3/write_lp: InfluxDB 3). Env"
          + " INFLUX_API.")
  Api api;

  @Option(names = "--influx-token", paramLabel = "TOKEN", arity = "0..1", interactive = true,
      defaultValue = "${env:INFLUX_TOKEN}",
      description = "API token, sent as 'Authorization: Token' (v1, v2) or 'Bearer' (v3); prefer"
          + " the environment variable INFLUX_TOKEN. Given without a value, it is asked for."
          + " Never printed, stored or put in a URL.")
  String token;

  @Option(names = "--org", paramLabel = "NAME", defaultValue = "${env:INFLUX_ORG}",
      description = "InfluxDB 2.x organisation (env INFLUX_ORG).")
  String org;

  @Option(names = "--bucket", paramLabel = "NAME", defaultValue = "${env:INFLUX_BUCKET}",
      description = "InfluxDB 2.x bucket (env INFLUX_BUCKET; default: the --db name). Checked"
          + " before the first write.")
  String bucket;

  @Option(names = "--create-bucket", negatable = false,
      description = "Create the v2 bucket when it is missing (needs --org and a token that may"
          + " create buckets).")
  boolean createBucket;

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
          timeout, http, apiSettings());
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

  private ApiSettings apiSettings() {
    ApiVersion version = api == Api.auto ? null : ApiVersion.valueOf(api.name().toUpperCase(Locale.ROOT));
    return new ApiSettings(version, Secret.of(token), org, bucket, createBucket);
  }
}
