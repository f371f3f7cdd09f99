package io.squashinflux.cli;

import io.squashinflux.influx.ApiSettings;
import io.squashinflux.influx.ApiVersion;
import io.squashinflux.influx.Secret;
import picocli.CommandLine.Option;

/** Which InfluxDB write API, and the token, organisation and bucket of the v2 and v3 APIs. */
final class InfluxApiOptions {

  /** The values of --influx-api. */
  enum Api {
    auto,
    v1,
    v2,
    v3
  }

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

  ApiSettings settings() {
    ApiVersion version = switch (api) {
      case auto -> null;
      case v1 -> ApiVersion.V1;
      case v2 -> ApiVersion.V2;
      case v3 -> ApiVersion.V3;
    };
    return new ApiSettings(version, Secret.of(token), org, bucket, createBucket);
  }
}
