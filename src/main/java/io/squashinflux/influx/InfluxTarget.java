package io.squashinflux.influx;

import io.squashinflux.net.HttpUrl;
import io.squashinflux.ledger.Urls;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import io.squashinflux.net.HttpSettings;

/**
 * Where and how to write.
 *
 * @param url the InfluxDB base URL, e.g. {@code http://localhost:8086}
 * @param database the database
 * @param retentionPolicy the retention policy, or null for the database's default
 * @param user the user, or null without auth
 * @param password the password, or null
 * @param createDatabase whether a missing database is created
 * @param gzip whether request bodies are gzip-compressed
 * @param batchLines the most lines in one request
 * @param batchBytes the most uncompressed bytes in one request
 * @param timeout the connect and request timeout
 * @param http proxies, added CAs and the answer size cap ({@code timeout} replaces its timeouts),
 *     or null for {@link HttpSettings#defaults()}
 * @param api the write API and its settings (token, org, bucket)
 */
public record InfluxTarget(
    URI url,
    String database,
    String retentionPolicy,
    String user,
    Secret password,
    boolean createDatabase,
    boolean gzip,
    int batchLines,
    int batchBytes,
    Duration timeout,
    HttpSettings http,
    ApiSettings api) {

  public static final int DEFAULT_BATCH_LINES = 5_000;
  public static final int DEFAULT_BATCH_BYTES = 4 * 1024 * 1024;

  /** A target written with InfluxDB 1.x's {@code /write}. */
  public InfluxTarget(URI url, String database, String retentionPolicy, String user,
      Secret password, boolean createDatabase, boolean gzip, int batchLines, int batchBytes,
      Duration timeout, HttpSettings http) {
    this(url, database, retentionPolicy, user, password, createDatabase, gzip, batchLines,
        batchBytes, timeout, http, ApiSettings.V1);
  }

  public InfluxTarget {
    Objects.requireNonNull(api, "api == null");
    Objects.requireNonNull(url, "url == null");
    Objects.requireNonNull(database, "database == null");
    Objects.requireNonNull(timeout, "timeout == null");
    retentionPolicy = retentionPolicy == null || retentionPolicy.isBlank() ? null : retentionPolicy;
    if (database.isEmpty()) {
      throw new IllegalArgumentException("the database name is empty");
    }
    if (batchLines < 1) {
      throw new IllegalArgumentException("batch lines must be at least 1 but was " + batchLines);
    }
    if (batchBytes < 1024) {
      throw new IllegalArgumentException("batch bytes must be at least 1024 but was " + batchBytes);
    }
    if (!HttpUrl.valid(url)) {
      throw new IllegalArgumentException(
          "not an http(s) URL: " + Urls.masked(url.toString()) + " (e.g. http://localhost:8086)");
    }
  }
}
