package io.squashinflux.influx;

/**
 * Which write API to speak, and what the v2 and v3 APIs need beyond InfluxDB 1.x's options.
 *
 * @param version the API, or null to detect it from {@code GET /ping}
 * @param token the API token (sent as {@code Authorization: Token} or {@code Bearer}), or null
 * @param org the v2 organisation's name, or null (VictoriaMetrics and QuestDB need none)
 * @param bucket the v2 bucket, or null for the database's name
 * @param createBucket whether a missing v2 bucket is created
 */
public record ApiSettings(
    ApiVersion version, Secret token, String org, String bucket, boolean createBucket) {

  /** InfluxDB 1.x's {@code /write} with a user and password: the default. */
  public static final ApiSettings V1 = new ApiSettings(ApiVersion.V1, null, null, null, false);

  public ApiSettings {
    org = blankToNull(org);
    bucket = blankToNull(bucket);
  }

  /** The bucket written to with v2: the one given, or the database's name. */
  public String bucketOr(String database) {
    return bucket == null ? database : bucket;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
